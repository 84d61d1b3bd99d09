using System.Text;
using Dapper;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// R-VI2: victim contact information is a separate compartment. Only the victim-liaison role
/// reaches it, every read is logged, other forces cannot see it, and nothing of it leaks into
/// nominal reads, the change feed, logs or telemetry.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class VictimCompartmentTests(SuiteFixture suite)
{
    private VictimsService.VictimsServiceClient Victims => new(suite.Channel);
    private NominalsService.NominalsServiceClient Nominals => new(suite.Channel);

    public static TheoryData<string> OtherRoles()
    {
        var roles = new TheoryData<string>();
        foreach (var role in ServiceDefaults.Security.Roles.All.Where(r => r != ServiceDefaults.Security.Roles.VictimLiaison))
        {
            roles.Add(role);
        }
        return roles;
    }

    [Theory]
    [MemberData(nameof(OtherRoles))]
    public async Task R_VI2_every_victims_rpc_but_the_summary_is_permission_denied_to_any_role_but_victim_liaison(string role)
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var victim = await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim());
        var before = await VictimTestData.EntriesUnderAsync(suite, nominal);
        CallOptions As() => suite.As(force, "PC-V100", [role]);

        var calls = new Func<Task>[]
        {
            () => Victims.CreateVictimAsync(new CreateVictimRequest { Parent = nominal.Name, Victim = VictimTestData.Victim() }, As()).ResponseAsync,
            () => Victims.GetVictimAsync(new GetVictimRequest { Name = victim.Name }, As()).ResponseAsync,
            () => Victims.ListVictimsAsync(new ListVictimsRequest { Parent = nominal.Name }, As()).ResponseAsync,
            () => Victims.UpdateVictimAsync(new UpdateVictimRequest { Victim = victim, UpdateMask = new FieldMask { Paths = { "safety_measures" } } }, As()).ResponseAsync,
            () => Victims.RecordContactActionAsync(new RecordContactActionRequest { Parent = victim.Name, ContactAction = new VictimContactAction { Kind = VictimContactActionKind.Letter, Purpose = "Update" } }, As()).ResponseAsync,
            () => Victims.ListContactActionsAsync(new ListContactActionsRequest { Parent = victim.Name }, As()).ResponseAsync,
            () => Victims.RecordReviewApplicationAsync(new RecordReviewApplicationRequest { Parent = nominal.Name, ApplicationDate = VictimTestData.Date(new DateOnly(2024, 1, 2)) }, As()).ResponseAsync,
        };
        // Every RPC but SummariseVictims, the assessor's view without contact details (VictimSummaryTests).
        Assert.Equal(VictimsService.Descriptor.Methods.Count - 1, calls.Length);
        foreach (var call in calls)
        {
            await RpcAssert.FailsAsync(StatusCode.PermissionDenied, call);
        }
        Assert.Equal(before.Count, (await VictimTestData.EntriesUnderAsync(suite, nominal)).Count);
    }

    [Fact]
    public async Task R_VI2_victim_liaison_creates_reads_lists_and_updates_a_victim_of_its_forces_nominal()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);

        var created = await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim());
        var read = (await Victims.GetVictimAsync(new GetVictimRequest { Name = created.Name }, suite.As(force, "VLO-2", RoleSets.VictimLiaison))).Victim;
        var listed = (await Victims.ListVictimsAsync(new ListVictimsRequest { Parent = nominal.Name }, suite.As(force, "VLO-2", RoleSets.VictimLiaison))).Victims;

        Assert.StartsWith(nominal.Name + "/victims/", created.Name, StringComparison.Ordinal);
        Assert.Equal(force, read.ForceCode);
        Assert.Equal(created, read);
        Assert.Equal(created, Assert.Single(listed));
        Assert.Equal("VLO-1", read.WishesRecordedBy);
        Assert.NotNull(read.WishesRecordTime);
        Assert.Equal(VictimContactWishes.ContactAllowed, Assert.Single(read.WishesHistory).ContactWishes);

        var change = read.Clone();
        change.SafetyMeasures = "Alarm fitted at the victim's home";
        change.Phone = "01632 960999"; // not in the mask: must not change
        var updated = (await Victims.UpdateVictimAsync(new UpdateVictimRequest { Victim = change, UpdateMask = new FieldMask { Paths = { "safety_measures" } } },
            suite.As(force, "VLO-2", RoleSets.VictimLiaison))).Victim;

        Assert.Equal("Alarm fitted at the victim's home", updated.SafetyMeasures);
        Assert.Equal(read.Phone, updated.Phone);
        Assert.NotEqual(read.Etag, updated.Etag);
        Assert.Single(updated.WishesHistory); // the wishes were not part of the change
    }

    [Fact]
    public async Task R_VI2_a_stale_etag_is_aborted_and_changes_nothing()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var created = await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim());
        var first = created.Clone();
        first.RelationshipToOffender = "Former colleague";
        await Victims.UpdateVictimAsync(new UpdateVictimRequest { Victim = first, UpdateMask = new FieldMask { Paths = { "relationship_to_offender" } } }, suite.As(force, "VLO-1", RoleSets.VictimLiaison));

        var stale = created.Clone();
        stale.RelationshipToOffender = "Stranger";
        var e = await RpcAssert.FailsAsync(StatusCode.Aborted,
            () => Victims.UpdateVictimAsync(new UpdateVictimRequest { Victim = stale, UpdateMask = new FieldMask { Paths = { "relationship_to_offender" } } }, suite.As(force, "VLO-1", RoleSets.VictimLiaison)).ResponseAsync);

        Assert.Equal("ETAG_MISMATCH", e.ErrorInfo().Reason);
        Assert.Equal("Former colleague", (await Victims.GetVictimAsync(new GetVictimRequest { Name = created.Name }, suite.As(force, "VLO-1", RoleSets.VictimLiaison))).Victim.RelationshipToOffender);
    }

    [Fact]
    public async Task R_VI2_a_repeated_request_id_returns_the_same_victim_and_writes_one_row()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var request = new CreateVictimRequest { Parent = nominal.Name, Victim = VictimTestData.Victim(), RequestId = Guid.NewGuid().ToString() };

        var first = await Victims.CreateVictimAsync(request, suite.As(force, "VLO-1", RoleSets.VictimLiaison));
        var second = await Victims.CreateVictimAsync(request, suite.As(force, "VLO-1", RoleSets.VictimLiaison));

        Assert.Equal(first.Victim, second.Victim);
        Assert.Equal(1, await VictimTestData.CountAsync(suite, "SELECT COUNT(*) FROM victim_records WHERE nominal_id = @id", new { id = nominal.Name["nominals/".Length..] }));
        var reused = request.Clone();
        reused.Victim.Phone = "01632 960111";
        var e = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, () => Victims.CreateVictimAsync(reused, suite.As(force, "VLO-1", RoleSets.VictimLiaison)).ResponseAsync);
        Assert.Equal("REQUEST_ID_REUSED", e.ErrorInfo().Reason);
    }

    [Fact]
    public async Task R_VI2_every_read_writes_one_consultation_entry_naming_the_victim_and_its_force()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var victim = await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim());
        var afterCreate = await VictimTestData.EntriesUnderAsync(suite, nominal);
        var collected = Assert.Single(afterCreate);
        Assert.Equal((long)AuditOperation.Collection, collected.Operation);
        Assert.Equal(victim.Name, collected.Subject);
        Assert.Equal(force, collected.SubjectForce);

        await Victims.GetVictimAsync(new GetVictimRequest { Name = victim.Name }, suite.As(force, "VLO-7", RoleSets.VictimLiaison));
        var afterGet = await VictimTestData.EntriesUnderAsync(suite, nominal);
        Assert.Equal(2, afterGet.Count);
        Assert.Equal((long)AuditOperation.Consultation, afterGet[^1].Operation);
        Assert.Equal(victim.Name, afterGet[^1].Subject);
        Assert.Equal(force, afterGet[^1].SubjectForce);
        Assert.Equal("VLO-7", afterGet[^1].Actor);

        await Victims.ListVictimsAsync(new ListVictimsRequest { Parent = nominal.Name }, suite.As(force, "VLO-7", RoleSets.VictimLiaison));
        var afterList = await VictimTestData.EntriesUnderAsync(suite, nominal);
        Assert.Equal(3, afterList.Count);
        Assert.Equal((long)AuditOperation.Consultation, afterList[^1].Operation);
        Assert.Equal(nominal.Name + "/victims", afterList[^1].Subject);
        Assert.Equal(force, afterList[^1].SubjectForce);

        await Victims.ListContactActionsAsync(new ListContactActionsRequest { Parent = victim.Name }, suite.As(force, "VLO-7", RoleSets.VictimLiaison));
        var afterActions = await VictimTestData.EntriesUnderAsync(suite, nominal);
        Assert.Equal(4, afterActions.Count);
        Assert.Equal((long)AuditOperation.Consultation, afterActions[^1].Operation);
        Assert.Equal(victim.Name, afterActions[^1].Subject);
    }

    [Fact]
    public async Task R_VI2_another_forces_victim_liaison_gets_not_found_as_for_a_missing_victim()
    {
        var owner = TestData.NewForce();
        var other = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, owner);
        var victim = await VictimTestData.CreateAsync(suite, owner, nominal, VictimTestData.Victim());
        CallOptions Other() => suite.As(other, "VLO-X", RoleSets.VictimLiaison);

        var get = await RpcAssert.FailsAsync(StatusCode.NotFound, () => Victims.GetVictimAsync(new GetVictimRequest { Name = victim.Name }, Other()).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Victims.ListVictimsAsync(new ListVictimsRequest { Parent = nominal.Name }, Other()).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Victims.CreateVictimAsync(new CreateVictimRequest { Parent = nominal.Name, Victim = VictimTestData.Victim() }, Other()).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Victims.UpdateVictimAsync(new UpdateVictimRequest { Victim = victim, UpdateMask = new FieldMask { Paths = { "safety_measures" } } }, Other()).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Victims.RecordContactActionAsync(new RecordContactActionRequest { Parent = victim.Name, ContactAction = new VictimContactAction { Kind = VictimContactActionKind.Letter, Purpose = "Update" } }, Other()).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Victims.ListContactActionsAsync(new ListContactActionsRequest { Parent = victim.Name }, Other()).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Victims.RecordReviewApplicationAsync(new RecordReviewApplicationRequest { Parent = nominal.Name, ApplicationDate = VictimTestData.Date(new DateOnly(2024, 1, 2)) }, Other()).ResponseAsync);

        var missing = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Victims.GetVictimAsync(new GetVictimRequest { Name = $"{nominal.Name}/victims/{Guid.NewGuid()}" }, suite.As(owner, "VLO-1", RoleSets.VictimLiaison)).ResponseAsync);
        Assert.Equal(missing.ErrorInfo().Reason, get.ErrorInfo().Reason);
        Assert.Single(await VictimTestData.EntriesUnderAsync(suite, nominal)); // only the create
    }

    [Fact]
    public async Task R_VI2_victims_list_newest_first_in_pages_without_repeats()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var names = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            names.Add((await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim($"TESTVICTIM-{i}"))).Name);
        }

        var listed = new List<string>();
        var token = "";
        do
        {
            var page = await Victims.ListVictimsAsync(new ListVictimsRequest { Parent = nominal.Name, PageSize = 2, PageToken = token }, suite.As(force, "VLO-1", RoleSets.VictimLiaison));
            listed.AddRange(page.Victims.Select(v => v.Name));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(names.AsEnumerable().Reverse(), listed);
    }

    [Fact]
    public async Task R_VI2_no_victim_data_reaches_nominal_reads_the_change_feed_the_audit_log_logs_or_telemetry()
    {
        var canary = "ZZVICTIM" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var victim = VictimTestData.Victim(familyName: canary);
        victim.PersonName.GivenNames = canary + "GIVEN";
        victim.Email = canary.ToLowerInvariant() + "@example.invalid";
        victim.RelationshipToOffender = canary + " relationship";
        victim.SafetyMeasures = canary + " safety";
        victim.ReviewNotificationRegistered = true;
        var created = await VictimTestData.CreateAsync(suite, force, nominal, victim);
        var liaison = suite.As(force, "VLO-1", RoleSets.VictimLiaison);
        var read = await Victims.GetVictimAsync(new GetVictimRequest { Name = created.Name }, liaison);
        await Victims.ListVictimsAsync(new ListVictimsRequest { Parent = nominal.Name }, liaison);
        var change = created.Clone();
        change.ContactWishesNote = canary + " note";
        await Victims.UpdateVictimAsync(new UpdateVictimRequest { Victim = change, UpdateMask = new FieldMask { Paths = { "contact_wishes_note" } } }, liaison);
        await Victims.RecordContactActionAsync(new RecordContactActionRequest { Parent = created.Name, ContactAction = new VictimContactAction { Kind = VictimContactActionKind.Letter, Purpose = canary + " purpose" } }, liaison);
        await Victims.ListContactActionsAsync(new ListContactActionsRequest { Parent = created.Name }, liaison);
        var bad = VictimTestData.Victim(familyName: canary);
        bad.Phone = canary; // invalid: the refusal must not echo it
        var refused = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, () => Victims.CreateVictimAsync(new CreateVictimRequest { Parent = nominal.Name, Victim = bad }, liaison).ResponseAsync);
        var needle = Encoding.UTF8.GetBytes(canary);
        Assert.DoesNotContain(canary, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(-1, refused.GetRpcStatus()!.ToByteArray().AsSpan().IndexOf(needle));

        // Every nominal read, as every role that may read nominals.
        var responses = new List<IMessage>
        {
            await Nominals.GetNominalAsync(new GetNominalRequest { Name = nominal.Name }, suite.As(force, "PC-V900", RoleSets.Mosovo)),
            await Nominals.GetNominalAsync(new GetNominalRequest { Name = nominal.Name }, suite.As(force, "AN-V900", RoleSets.Analyst)),
            await Nominals.ListNominalsAsync(new ListNominalsRequest(), suite.As(force, "PC-V900", RoleSets.Supervisor)),
            await Nominals.SearchNominalsAsync(new SearchNominalsRequest { Name = canary }, suite.As(force, "PC-V900", RoleSets.Mosovo)),
            await Nominals.SearchNominalsAsync(new SearchNominalsRequest { Name = "TESTPERSON" }, suite.As(force, "PC-V900", RoleSets.Mosovo)),
            await Nominals.ListCaseloadAsync(new ListCaseloadRequest { Officer = "PC-V000" }, suite.As(force, "PC-V900", RoleSets.Mosovo)),
            await Nominals.ListNominalEventsAsync(new ListNominalEventsRequest { PageSize = 500 }, suite.As(force, "PC-V900", RoleSets.Supervisor)),
            await Nominals.ListNominalEventsAsync(new ListNominalEventsRequest { PageSize = 500 }, suite.As(force, "SVC-V900", ["service"])),
        };
        Assert.NotEqual(-1, read.ToByteArray().AsSpan().IndexOf(needle)); // the search would find it if it were there
        Assert.All(responses, r => Assert.Equal(-1, r.ToByteArray().AsSpan().IndexOf(needle)));
        Assert.Empty(((SearchNominalsResponse)responses[3]).Results); // a victim's name finds no nominal

        // The audit log names records, never their content.
        await using (var db = await suite.Storage.OpenAsync("nominals"))
        {
            var audit = await db.QueryAsync<string>("SELECT subject || recipients || justification FROM audit_log WHERE actor_force = @force", new { force });
            Assert.All(audit, row => Assert.DoesNotContain(canary, row, StringComparison.Ordinal));
        }

        // Let every exporter flush at least once more.
        var before = suite.Telemetry.Payloads().Count;
        await suite.Telemetry.WaitForSpansAsync(_ => true, _ => suite.Telemetry.Payloads().Count > before + 3, TimeSpan.FromSeconds(10));
        Assert.All(suite.Telemetry.Payloads(), payload => Assert.Equal(-1, payload.AsSpan().IndexOf(needle)));
        Assert.DoesNotContain(canary, suite.ServiceProcesses["nominals"].Output, StringComparison.Ordinal);
        Assert.DoesNotContain(canary, suite.Gateway.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R_AU1_erasing_a_nominal_erases_its_victims_their_contacts_and_review_applications()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        nominal = await VictimTestData.ReleasedAndNotifiedAsync(suite, force, nominal, 36, new DateOnly(2004, 3, 1));
        var victim = VictimTestData.Victim();
        victim.ReviewNotificationRegistered = true;
        var created = await VictimTestData.CreateAsync(suite, force, nominal, victim);
        var liaison = suite.As(force, "VLO-1", RoleSets.VictimLiaison);
        await Victims.RecordContactActionAsync(new RecordContactActionRequest { Parent = created.Name, ContactAction = new VictimContactAction { Kind = VictimContactActionKind.PhoneCall, Purpose = "Introduction" } }, liaison);
        await Victims.RecordReviewApplicationAsync(new RecordReviewApplicationRequest { Parent = nominal.Name, ApplicationDate = VictimTestData.Date(new DateOnly(2020, 1, 6)) }, liaison);
        var id = nominal.Name["nominals/".Length..];

        await Nominals.EraseNominalAsync(new EraseNominalRequest { Name = nominal.Name, Reason = "Test erasure" }, suite.As(force, "AU-V001", RoleSets.Auditor));

        foreach (var table in new[] { "victim_records", "victim_contact_actions", "victim_review_applications" })
        {
            Assert.Equal(0, await VictimTestData.CountAsync(suite, $"SELECT COUNT(*) FROM {table} WHERE nominal_id = @id", new { id }));
        }
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => Victims.GetVictimAsync(new GetVictimRequest { Name = created.Name }, liaison).ResponseAsync);
    }
}
