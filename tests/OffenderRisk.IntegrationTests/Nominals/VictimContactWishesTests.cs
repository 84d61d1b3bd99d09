using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>R-VI3: a victim's wishes about contact are recorded, with who and when, and respected.</summary>
[Collection(SuiteCollection.Name)]
public sealed class VictimContactWishesTests(SuiteFixture suite)
{
    private VictimsService.VictimsServiceClient Victims => new(suite.Channel);

    private static VictimContactAction Action(VictimContactActionKind kind) => new() { Kind = kind, Purpose = "Tell the victim of a change of address condition" };

    [Fact]
    public async Task R_VI3_no_contact_refuses_a_phone_call_citing_the_rule_and_writes_nothing()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var victim = await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim(wishes: VictimContactWishes.NoContact));
        var entriesBefore = await VictimTestData.EntriesUnderAsync(suite, nominal);

        await RpcAssert.RefusedByRuleAsync("R-VI3", "contact_action.kind",
            () => Victims.RecordContactActionAsync(new RecordContactActionRequest { Parent = victim.Name, ContactAction = Action(VictimContactActionKind.PhoneCall) },
                suite.As(force, "VLO-1", RoleSets.VictimLiaison)).ResponseAsync);

        Assert.Equal(0, await VictimTestData.CountAsync(suite, "SELECT COUNT(*) FROM victim_contact_actions WHERE victim_id = @id", new { id = victim.Name.Split('/')[3] }));
        Assert.Equal(entriesBefore.Count, (await VictimTestData.EntriesUnderAsync(suite, nominal)).Count);
    }

    [Fact]
    public async Task R_VI3_written_only_refuses_a_visit_but_records_and_lists_a_letter()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var victim = await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim(wishes: VictimContactWishes.WrittenOnly));
        var liaison = suite.As(force, "VLO-1", RoleSets.VictimLiaison);

        await RpcAssert.RefusedByRuleAsync("R-VI3", "contact_action.kind",
            () => Victims.RecordContactActionAsync(new RecordContactActionRequest { Parent = victim.Name, ContactAction = Action(VictimContactActionKind.Visit) }, liaison).ResponseAsync);
        var letter = (await Victims.RecordContactActionAsync(new RecordContactActionRequest { Parent = victim.Name, ContactAction = Action(VictimContactActionKind.Letter) }, liaison)).ContactAction;
        var listed = await Victims.ListContactActionsAsync(new ListContactActionsRequest { Parent = victim.Name }, liaison);

        Assert.StartsWith(victim.Name + "/contactActions/", letter.Name, StringComparison.Ordinal);
        Assert.Equal("VLO-1", letter.RecordedBy);
        Assert.Equal(letter, Assert.Single(listed.ContactActions));
        var entries = await VictimTestData.EntriesUnderAsync(suite, nominal);
        Assert.Contains(entries, e => e.Subject == letter.Name && e.Operation == (long)AuditOperation.Collection);
    }

    [Fact]
    public async Task R_VI3_via_liaison_only_lets_the_victim_liaison_officer_call()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var victim = await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim(wishes: VictimContactWishes.ViaLiaisonOnly));

        var call = (await Victims.RecordContactActionAsync(new RecordContactActionRequest { Parent = victim.Name, ContactAction = Action(VictimContactActionKind.PhoneCall) },
            suite.As(force, "VLO-1", RoleSets.VictimLiaison))).ContactAction;

        Assert.Equal(VictimContactActionKind.PhoneCall, call.Kind);
    }

    [Fact]
    public async Task R_VI3_recording_new_wishes_keeps_who_and_when_and_applies_at_once()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var victim = await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim(), user: "VLO-1");
        var change = victim.Clone();
        change.ContactWishes = VictimContactWishes.NoContact;
        change.ContactWishesNote = "Asked at the last visit for no further contact";

        var updated = (await Victims.UpdateVictimAsync(new UpdateVictimRequest { Victim = change, UpdateMask = new FieldMask { Paths = { "contact_wishes", "contact_wishes_note" } } },
            suite.As(force, "VLO-2", RoleSets.VictimLiaison))).Victim;

        Assert.Equal(VictimContactWishes.NoContact, updated.ContactWishes);
        Assert.Equal("VLO-2", updated.WishesRecordedBy);
        Assert.True(updated.WishesRecordTime.ToDateTimeOffset() >= victim.WishesRecordTime.ToDateTimeOffset());
        Assert.Equal([VictimContactWishes.ContactAllowed, VictimContactWishes.NoContact], updated.WishesHistory.Select(w => w.ContactWishes));
        Assert.Equal(["VLO-1", "VLO-2"], updated.WishesHistory.Select(w => w.RecordedBy));
        await RpcAssert.RefusedByRuleAsync("R-VI3", "contact_action.kind",
            () => Victims.RecordContactActionAsync(new RecordContactActionRequest { Parent = victim.Name, ContactAction = Action(VictimContactActionKind.Email) },
                suite.As(force, "VLO-1", RoleSets.VictimLiaison)).ResponseAsync);
    }

    [Fact]
    public async Task R_VI3_a_victim_who_may_be_contacted_needs_a_means_of_contact()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var victim = VictimTestData.Victim();
        victim.Phone = "";
        victim.Email = "";
        victim.PostalAddress = null;

        var e = await RpcAssert.FailsAsync(Grpc.Core.StatusCode.InvalidArgument,
            () => Victims.CreateVictimAsync(new CreateVictimRequest { Parent = nominal.Name, Victim = victim }, suite.As(force, "VLO-1", RoleSets.VictimLiaison)).ResponseAsync);
        Assert.Contains("victim", e.ViolatedFields());

        victim.ContactWishes = VictimContactWishes.NoContact; // an explicit wish for no contact needs none
        await Victims.CreateVictimAsync(new CreateVictimRequest { Parent = nominal.Name, Victim = victim }, suite.As(force, "VLO-1", RoleSets.VictimLiaison));
    }
}
