using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using static OffenderRisk.IntegrationTests.Nominals.SearchTestData;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// The guarded fields through the gateway: category and date of birth change only through
/// ChangeCategory and CorrectDateOfBirth, by a supervisor, with a reason kept as history and the
/// rules that depend on them checked again (R-MG1, R-MG2, R-NT1); an update is checked for likely
/// duplicates as a create is.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class GuardedFieldTests(SuiteFixture suite)
{
    private static CalendarDate Date(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    [Fact]
    public async Task R_MG1_a_change_to_violent_offender_is_refused_while_MAPPA_category_1_is_set()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var mappa = (await s.Client.SetMappaManagementAsync(new SetMappaManagementRequest { Name = nominal.Name, Category = 1, Level = 1, Reason = "MAPPA meeting", Etag = nominal.Etag }, s.AsOfficer)).Nominal;

        await RpcAssert.RefusedByRuleAsync("R-MG1", "category",
            () => s.Client.ChangeCategoryAsync(new ChangeCategoryRequest { Name = nominal.Name, Category = NominalCategory.ViolentOffender, Reason = "reclassified", Etag = mappa.Etag }, s.AsSupervisor).ResponseAsync);

        var unchanged = await s.GetAsync(nominal.Name);
        Assert.Equal(NominalCategory.RegisteredSexualOffender, unchanged.Category);
        Assert.Empty(unchanged.GuardedFieldHistory);
    }

    [Fact]
    public async Task R_MG1_MAPPA_category_1_is_refused_for_a_violent_offender()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite, n => n.Category = NominalCategory.ViolentOffender);

        await RpcAssert.RefusedByRuleAsync("R-MG1", "category",
            () => s.Client.SetMappaManagementAsync(new SetMappaManagementRequest { Name = nominal.Name, Category = 1, Level = 1, Reason = "MAPPA meeting", Etag = nominal.Etag }, s.AsOfficer).ResponseAsync);
        var category2 = (await s.Client.SetMappaManagementAsync(new SetMappaManagementRequest { Name = nominal.Name, Category = 2, Level = 1, Reason = "MAPPA meeting", Etag = nominal.Etag }, s.AsOfficer)).Nominal;
        Assert.Equal(2, category2.Mappa.Category);
    }

    [Fact]
    public async Task R_MG2_a_change_to_PDP_while_probation_leads_needs_a_managers_authority()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite, n => n.Category = NominalCategory.ViolentOffender);
        var probation = (await s.Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest { Name = nominal.Name, LeadAgency = LeadAgency.Probation, Etag = nominal.Etag }, s.AsOfficer)).Nominal;
        var request = new ChangeCategoryRequest { Name = nominal.Name, Category = NominalCategory.PotentiallyDangerousPerson, Reason = "conviction quashed", Etag = probation.Etag };

        await RpcAssert.RefusedByRuleAsync("R-MG2", "manager_authority",
            () => s.Client.ChangeCategoryAsync(request, s.AsSupervisor).ResponseAsync);

        request.ManagerAuthority = "DI TESTMANAGER";
        var changed = (await s.Client.ChangeCategoryAsync(request, s.AsSupervisor)).Nominal;
        Assert.Equal(NominalCategory.PotentiallyDangerousPerson, changed.Category);
        var entry = Assert.Single(changed.GuardedFieldHistory);
        Assert.Equal(("category", "NOMINAL_CATEGORY_VIOLENT_OFFENDER", "NOMINAL_CATEGORY_POTENTIALLY_DANGEROUS_PERSON", "conviction quashed", "DI TESTMANAGER", NominalScenario.Supervisor),
            (entry.Field, entry.PreviousValue, entry.NewValue, entry.Reason, entry.ManagerAuthority, entry.ChangedBy));
        var e = Assert.Single(await IntelligenceScenario.EventsForAsync(suite, s, nominal.Name), x => x.Type == NominalEventType.CategoryChanged);
        Assert.Equal("NOMINAL_CATEGORY_POTENTIALLY_DANGEROUS_PERSON", e.Attributes["category"]);
        Assert.Equal("NOMINAL_CATEGORY_VIOLENT_OFFENDER", e.Attributes["previous_category"]);
    }

    [Fact]
    public async Task R_NT1_a_registered_sexual_offender_on_indefinite_notification_cannot_be_recategorised()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var sentenced = await OffenceTestData.RecordAsync(s.Client, nominal,
            OffenceTestData.Conviction(new DateOnly(2019, 5, 1), Disposal.Custody, OffenceTestData.Months(36), new DateOnly(2019, 5, 20)), s.AsOfficer);

        await RpcAssert.RefusedByRuleAsync("R-NT1", "category",
            () => s.Client.ChangeCategoryAsync(new ChangeCategoryRequest { Name = nominal.Name, Category = NominalCategory.ViolentOffender, Reason = "reclassified", Etag = sentenced.Etag }, s.AsSupervisor).ResponseAsync);
        Assert.NotNull((await s.GetAsync(nominal.Name)).Notification);
    }

    [Fact]
    public async Task Only_a_supervisor_changes_a_guarded_field()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => s.Client.ChangeCategoryAsync(new ChangeCategoryRequest { Name = nominal.Name, Category = NominalCategory.ViolentOffender, Reason = "r", Etag = nominal.Etag }, s.AsOfficer).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => s.Client.CorrectDateOfBirthAsync(new CorrectDateOfBirthRequest { Name = nominal.Name, DateOfBirth = Date(1960, 1, 1), Reason = "r", Etag = nominal.Etag }, s.AsOfficer).ResponseAsync);
    }

    [Theory]
    [InlineData("category", "ChangeCategory")]
    [InlineData("date_of_birth", "CorrectDateOfBirth")]
    public async Task UpdateNominal_refuses_a_guarded_field_naming_the_rpc_to_use(string field, string rpc)
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var change = nominal.Clone();
        change.Category = NominalCategory.ViolentOffender;
        change.DateOfBirth = Date(1960, 1, 1);

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => s.Client.UpdateNominalAsync(new UpdateNominalRequest { Nominal = change, UpdateMask = new FieldMask { Paths = { field } } }, s.AsSupervisor).ResponseAsync);

        Assert.Equal(["update_mask"], e.ViolatedFields());
        Assert.Contains(rpc, e.Status.Detail, StringComparison.Ordinal);
        var unchanged = await s.GetAsync(nominal.Name);
        Assert.Equal((nominal.Category, nominal.DateOfBirth), (unchanged.Category, unchanged.DateOfBirth));
    }

    [Fact]
    public async Task A_corrected_date_of_birth_keeps_the_reason_and_both_dates_in_the_history()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => s.Client.CorrectDateOfBirthAsync(new CorrectDateOfBirthRequest { Name = nominal.Name, DateOfBirth = Date(1946, 2, 3), Etag = nominal.Etag }, s.AsSupervisor).ResponseAsync);
        Assert.Equal(["reason"], e.ViolatedFields());

        var corrected = (await s.Client.CorrectDateOfBirthAsync(new CorrectDateOfBirthRequest
        {
            Name = nominal.Name, DateOfBirth = Date(1946, 2, 3), Reason = "birth certificate seen (synthetic)", Etag = nominal.Etag,
        }, s.AsSupervisor)).Nominal;

        Assert.Equal(Date(1946, 2, 3), corrected.DateOfBirth);
        var entry = Assert.Single(corrected.GuardedFieldHistory);
        var previous = $"{nominal.DateOfBirth.Year:D4}-{nominal.DateOfBirth.Month:D2}-{nominal.DateOfBirth.Day:D2}";
        Assert.Equal(("date_of_birth", previous, "1946-02-03", "birth certificate seen (synthetic)"), (entry.Field, entry.PreviousValue, entry.NewValue, entry.Reason));
    }

    [Fact]
    public async Task R_NT1_a_date_of_birth_after_a_conviction_is_refused()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var sentenced = await OffenceTestData.RecordAsync(s.Client, nominal,
            OffenceTestData.Conviction(new DateOnly(2000, 6, 1), Disposal.CommunityOrder, sentenced: new DateOnly(2000, 6, 10)), s.AsOfficer);

        await RpcAssert.RefusedByRuleAsync("R-NT1", "date_of_birth",
            () => s.Client.CorrectDateOfBirthAsync(new CorrectDateOfBirthRequest { Name = nominal.Name, DateOfBirth = Date(2000, 6, 2), Reason = "typo", Etag = sentenced.Etag }, s.AsSupervisor).ResponseAsync);
    }

    [Fact]
    public async Task An_update_to_another_nominals_PNC_id_is_a_possible_duplicate_until_a_reason_is_given_which_is_audited()
    {
        var (s, first) = await NominalScenario.CreateAsync(suite);
        var second = (await s.Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal("OTHERTESTPERSON") }, s.AsOfficer)).Nominal;
        var change = second.Clone();
        change.PncId = first.PncId;
        var request = new UpdateNominalRequest { Nominal = change, UpdateMask = new FieldMask { Paths = { "pnc_id" } } };

        var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => s.Client.UpdateNominalAsync(request, s.AsOfficer).ResponseAsync);
        Assert.Equal("POSSIBLE_DUPLICATES", e.ErrorInfo().Reason);
        Assert.Contains(first.Name, e.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Name, e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(second.PncId, (await s.GetAsync(second.Name)).PncId);

        request.DuplicateOverrideReason = "PNC records being merged (synthetic)";
        var updated = (await s.Client.UpdateNominalAsync(request, s.AsOfficer)).Nominal;
        Assert.Equal(first.PncId, updated.PncId);
        var audit = (await AuditEntriesAsync(suite, s.Force)).Last(a => a.Subject == second.Name);
        Assert.Equal((long)AuditOperation.Alteration, audit.Operation);
        Assert.Equal("duplicate override: PNC records being merged (synthetic)", audit.Justification);
    }

    [Fact]
    public async Task A_nominal_is_never_its_own_duplicate_when_its_aliases_change()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var change = nominal.Clone();
        change.Aliases.Add(new PersonName { GivenNames = "Bravo", FamilyName = "TESTALIAS" });

        // The check runs (an alias changed) and finds the nominal's own PNC id, name and date of birth: not a duplicate.
        var updated = (await s.Client.UpdateNominalAsync(new UpdateNominalRequest { Nominal = change, UpdateMask = new FieldMask { Paths = { "aliases", "pnc_id" } } }, s.AsOfficer)).Nominal;

        Assert.Equal(2, updated.Aliases.Count);
    }

    [Fact]
    public async Task A_date_of_birth_corrected_to_make_the_same_name_and_birth_date_as_another_is_a_possible_duplicate()
    {
        var (s, first) = await NominalScenario.CreateAsync(suite);
        var second = (await s.Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, s.AsOfficer)).Nominal;
        var request = new CorrectDateOfBirthRequest { Name = second.Name, DateOfBirth = first.DateOfBirth, Reason = "typo", Etag = second.Etag };

        var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => s.Client.CorrectDateOfBirthAsync(request, s.AsSupervisor).ResponseAsync);
        Assert.Equal("POSSIBLE_DUPLICATES", e.ErrorInfo().Reason);

        request.DuplicateOverrideReason = "twins (synthetic)";
        var corrected = (await s.Client.CorrectDateOfBirthAsync(request, s.AsSupervisor)).Nominal;
        Assert.Equal(first.DateOfBirth, corrected.DateOfBirth);
    }
}
