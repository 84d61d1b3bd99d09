using Grpc.Core;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>The obligations ledger (R-MR4, R-AS5, R-MR3), through the gateway.</summary>
[Collection(SuiteCollection.Name)]
public sealed class ObligationLedgerTests(SuiteFixture suite)
{
    private static CalendarDate Date(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    private ObligationsService.ObligationsServiceClient Obligations => ObligationScenario.Client(suite);

    /// <summary>A police-led nominal managed by the scenario's officer (the first setting of a lead agency raises nothing).</summary>
    private static async Task<(NominalScenario S, Nominal Nominal)> PoliceLedAsync(SuiteFixture suite)
    {
        var (s, created) = await NominalScenario.CreateAsync(suite);
        var assigned = (await s.Client.AssignOfficerAsync(new AssignOfficerRequest { Name = created.Name, Officer = NominalScenario.Officer, Reason = "allocation", Etag = created.Etag }, s.AsSupervisor)).Nominal;
        var police = (await s.Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest { Name = created.Name, LeadAgency = LeadAgency.Police, Reason = "police lead", Etag = assigned.Etag }, s.AsOfficer)).Nominal;
        return (s, police);
    }

    private static async Task<Nominal> ChangeLeadAsync(NominalScenario s, Nominal nominal, LeadAgency agency, CalendarDate? effective) =>
        (await s.Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest
        {
            Name = nominal.Name, LeadAgency = agency, Reason = "licence", Etag = nominal.Etag, EffectiveDate = effective,
        }, s.AsOfficer)).Nominal;

    [Fact]
    public async Task R_AS5_the_first_setting_of_a_lead_agency_raises_no_ARMS_obligation()
    {
        var (s, nominal) = await PoliceLedAsync(suite);

        Assert.Empty(await ObligationScenario.ListAsync(suite, s, nominal.Name));
    }

    [Fact]
    public async Task R_AS5_a_change_effective_18_December_is_due_15_working_days_later_across_Christmas_Boxing_Day_and_New_Year()
    {
        var (s, nominal) = await PoliceLedAsync(suite);

        await ChangeLeadAsync(s, nominal, LeadAgency.Probation, Date(2026, 12, 18));

        // Friday 18 December 2026: Christmas Day (Fri 25), Boxing Day's substitute (Mon 28) and New
        // Year's Day (Fri 1) are not working days, so the 15th is Wednesday 13 January 2027.
        var obligation = Assert.Single(await ObligationScenario.ListAsync(suite, s, nominal.Name));
        Assert.Equal(ObligationKind.Arms, obligation.Kind);
        Assert.Equal(ObligationState.Open, obligation.State);
        Assert.Equal("LEAD_AGENCY_CHANGED", obligation.Trigger);
        Assert.Equal(Date(2026, 12, 18), obligation.TriggerDate);
        Assert.Equal(Date(2027, 1, 13), obligation.DueDate);
        Assert.Equal(NominalScenario.Officer, obligation.MosovoOfficer);
        var events = await s.Client.ListNominalEventsAsync(new ListNominalEventsRequest { PageSize = 500 }, suite.As(s.Force, "AN-FEED", RoleSets.Analyst));
        var raised = Assert.Single(events.Events, e => e.Nominal == nominal.Name && e.Type == NominalEventType.ObligationRaised);
        Assert.Equal(obligation.Name, raised.Attributes["obligation"]);
        Assert.Equal("OBLIGATION_KIND_ARMS", raised.Attributes["obligation_kind"]);
        Assert.Equal(Date(2027, 1, 13), raised.ArmsDueDate);
    }

    [Fact]
    public async Task R_MR4_a_new_trigger_adds_an_obligation_and_a_missed_one_stays_overdue_until_satisfied()
    {
        var (s, nominal) = await PoliceLedAsync(suite);
        var probation = await ChangeLeadAsync(s, nominal, LeadAgency.Probation, Date(2025, 1, 6));
        await ChangeLeadAsync(s, probation, LeadAgency.Police, null);

        var both = await ObligationScenario.ListAsync(suite, s, nominal.Name);
        Assert.Equal(2, both.Count);
        var missed = both[0];
        Assert.Equal(Date(2025, 1, 27), missed.DueDate);
        Assert.True(missed.Overdue);
        Assert.False(both[1].Overdue);
        var overdue = await Obligations.ListOverdueObligationsAsync(new ListOverdueObligationsRequest { Officer = NominalScenario.Officer }, s.AsSupervisor);
        Assert.Equal(missed.Name, Assert.Single(overdue.Obligations).Name);

        var assessment = "assessments/" + Guid.NewGuid().ToString("D");
        var satisfied = (await Obligations.SatisfyObligationAsync(new SatisfyObligationRequest { Name = missed.Name, SatisfiedBy = assessment }, s.AsOfficer)).Obligation;

        Assert.Equal(ObligationState.Satisfied, satisfied.State);
        Assert.Equal(assessment, satisfied.SatisfiedBy);
        Assert.Equal(NominalScenario.Officer, satisfied.ClosedBy);
        Assert.False(satisfied.Overdue);
        Assert.Empty((await Obligations.ListOverdueObligationsAsync(new ListOverdueObligationsRequest(), s.AsSupervisor)).Obligations);
        Assert.Single(await ObligationScenario.ListAsync(suite, s, nominal.Name, ObligationState.Open));
        await RpcAssert.RefusedByRuleAsync("R-MR4", "name",
            () => Obligations.SatisfyObligationAsync(new SatisfyObligationRequest { Name = missed.Name, SatisfiedBy = assessment }, s.AsOfficer).ResponseAsync);
    }

    [Fact]
    public async Task R_MR4_an_ARMS_obligation_is_satisfied_only_by_a_named_assessment()
    {
        var (s, nominal) = await PoliceLedAsync(suite);
        await ChangeLeadAsync(s, nominal, LeadAgency.Probation, null);
        var obligation = Assert.Single(await ObligationScenario.ListAsync(suite, s, nominal.Name));

        foreach (var bad in new[] { "", "assessments/not-a-uuid", "interventions/" + Guid.NewGuid().ToString("D"), "assessments/" + Guid.NewGuid().ToString("D") + "\n" })
        {
            var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
                () => Obligations.SatisfyObligationAsync(new SatisfyObligationRequest { Name = obligation.Name, SatisfiedBy = bad }, s.AsOfficer).ResponseAsync);
            if (bad.EndsWith('\n'))
            {
                Assert.Equal(["satisfied_by"], e.ViolatedFields()); // a control character is refused before validation (issue 13), without the rule
            }
            else
            {
                Assert.Equal("R-MR4", e.ErrorInfo().Metadata["rule_id"]);
            }
        }
        Assert.Equal(ObligationState.Open, Assert.Single(await ObligationScenario.ListAsync(suite, s, nominal.Name)).State);
    }

    [Fact]
    public async Task R_AU3_waiving_an_obligation_needs_a_supervisor_and_a_reason_and_keeps_both()
    {
        var (s, nominal) = await PoliceLedAsync(suite);
        await ChangeLeadAsync(s, nominal, LeadAgency.Probation, null);
        var obligation = Assert.Single(await ObligationScenario.ListAsync(suite, s, nominal.Name));

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Obligations.WaiveObligationAsync(new WaiveObligationRequest { Name = obligation.Name, Reason = "duplicate" }, s.AsOfficer).ResponseAsync);
        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Obligations.WaiveObligationAsync(new WaiveObligationRequest { Name = obligation.Name, Reason = " " }, s.AsSupervisor).ResponseAsync);
        Assert.Equal("R-AU3", e.ErrorInfo().Metadata["rule_id"]);
        Assert.Equal(["reason"], e.ViolatedFields());
        var waived = (await Obligations.WaiveObligationAsync(new WaiveObligationRequest { Name = obligation.Name, Reason = "ARMS completed by the previous force" }, s.AsSupervisor)).Obligation;

        Assert.Equal(ObligationState.Waived, waived.State);
        Assert.Equal("ARMS completed by the previous force", waived.WaiveReason);
        Assert.Equal(NominalScenario.Supervisor, waived.ClosedBy);
    }

    [Fact]
    public async Task Another_forces_obligations_are_not_found()
    {
        var (s, nominal) = await PoliceLedAsync(suite);
        await ChangeLeadAsync(s, nominal, LeadAgency.Probation, null);
        var obligation = Assert.Single(await ObligationScenario.ListAsync(suite, s, nominal.Name));
        var stranger = suite.As(TestData.NewForce(), "SGT-OTHER-1", RoleSets.Supervisor);

        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Obligations.ListObligationsAsync(new ListObligationsRequest { Parent = nominal.Name }, stranger).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Obligations.WaiveObligationAsync(new WaiveObligationRequest { Name = obligation.Name, Reason = "r" }, stranger).ResponseAsync);
        Assert.Empty((await Obligations.ListOverdueObligationsAsync(new ListOverdueObligationsRequest(), stranger)).Obligations);
    }
}
