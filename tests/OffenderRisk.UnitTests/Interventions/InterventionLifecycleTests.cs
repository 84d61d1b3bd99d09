using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Interventions.Domain;
using OffenderRisk.Interventions.Grpc;
using OffenderRisk.Platform.Errors;
using Contract = OffenderRisk.Contracts.Interventions.V1;

namespace OffenderRisk.UnitTests.Interventions;

/// <summary>R-MG10: an intervention over time, and R-MG8 kept through updates, as the domain decides them.</summary>
public sealed class InterventionLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 15);

    private static InterventionRecord Planned() =>
        InterventionRecord.New(InterventionValidation.Validate(InterventionExamples.Curfew(), "intervention"), "XA", "PC-1", Now.AddDays(-40));

    private static InterventionRecord Active(DateOnly start) =>
        Planned().ChangeStatus(InterventionStatus.Active, start, "started", "PC-1", Now, "status", "effective_date");

    [Theory]
    [InlineData(InterventionStatus.Planned, InterventionStatus.Active, true)]
    [InlineData(InterventionStatus.Planned, InterventionStatus.Ended, true)]
    [InlineData(InterventionStatus.Active, InterventionStatus.Ended, true)]
    [InlineData(InterventionStatus.Planned, InterventionStatus.Planned, false)]
    [InlineData(InterventionStatus.Active, InterventionStatus.Planned, false)]
    [InlineData(InterventionStatus.Active, InterventionStatus.Active, false)]
    [InlineData(InterventionStatus.Ended, InterventionStatus.Planned, false)]
    [InlineData(InterventionStatus.Ended, InterventionStatus.Active, false)]
    [InlineData(InterventionStatus.Ended, InterventionStatus.Ended, false)]
    [InlineData(InterventionStatus.Planned, InterventionStatus.Unspecified, false)]
    public void R_MG10_only_planned_to_active_to_ended_or_planned_to_ended(InterventionStatus from, InterventionStatus to, bool allowed)
    {
        Assert.Equal(allowed, InterventionRecord.CanMove(from, to));
    }

    [Fact]
    public void R_MG10_becoming_active_sets_the_start_date_and_ending_the_end_date_each_kept_in_the_history()
    {
        var ended = Active(Today.AddDays(-10)).ChangeStatus(InterventionStatus.Ended, Today, "completed", "SGT-2", Now, "status", "effective_date");

        Assert.Equal(InterventionStatus.Ended, ended.Status);
        Assert.Equal(Today.AddDays(-10), ended.StartDate);
        Assert.Equal(Today, ended.EndDate);
        Assert.Equal(
            [(InterventionStatus.Planned, InterventionStatus.Active, Today.AddDays(-10)), (InterventionStatus.Active, InterventionStatus.Ended, Today)],
            ended.StatusHistory.Select(c => (c.From, c.To, c.EffectiveDate)));
    }

    [Fact]
    public void R_MG10_a_move_the_lifecycle_does_not_allow_is_a_status_transition_refusal()
    {
        var ended = Planned().ChangeStatus(InterventionStatus.Ended, Today, "withdrawn", "PC-1", Now, "status", "effective_date");

        var e = Assert.Throws<PreconditionFailedException>(() =>
            ended.ChangeStatus(InterventionStatus.Active, Today, "again", "PC-1", Now, "status", "effective_date"));

        Assert.Equal("STATUS_TRANSITION_NOT_ALLOWED", e.Reason);
        Assert.Equal("status", e.Field);
    }

    [Fact]
    public void R_MG10_a_change_before_the_previous_one_is_refused_and_one_on_the_same_day_is_not()
    {
        var active = Active(Today.AddDays(-3));

        var e = Assert.Throws<RuleViolationException>(() =>
            active.ChangeStatus(InterventionStatus.Ended, Today.AddDays(-4), "ended", "PC-1", Now, "status", "effective_date"));
        var sameDay = active.ChangeStatus(InterventionStatus.Ended, Today.AddDays(-3), "ended", "PC-1", Now, "status", "effective_date");

        Assert.Equal(("R-MG10", "effective_date"), (e.RuleId, e.Field));
        Assert.Equal(InterventionStatus.Ended, sameDay.Status);
    }

    [Fact]
    public void R_MG10_a_breach_is_recorded_only_against_an_active_intervention_on_or_after_its_start()
    {
        var planned = Planned();
        var active = Active(Today.AddDays(-3));

        var notActive = Assert.Throws<RuleViolationException>(() => planned.RecordBreach(Today, "d", "", "PC-1", Now, "parent", "breach.occur_date"));
        var early = Assert.Throws<RuleViolationException>(() => active.RecordBreach(Today.AddDays(-4), "d", "", "PC-1", Now, "parent", "breach.occur_date"));
        var (withBreach, breach) = active.RecordBreach(Today.AddDays(-3), "left the area", "recalled", "PC-1", Now, "parent", "breach.occur_date");

        Assert.Equal(("R-MG10", "parent"), (notActive.RuleId, notActive.Field));
        Assert.Equal(("R-MG10", "breach.occur_date"), (early.RuleId, early.Field));
        Assert.Equal([breach], withBreach.Breaches);
        Assert.Equal($"interventions/{active.Id}/breaches/{breach.Id}", breach.NameUnder(active.Id));
    }

    [Fact]
    public void R_MG10_at_most_200_breaches_are_kept_on_one_intervention()
    {
        var intervention = Active(Today.AddDays(-3));
        for (var i = 0; i < InterventionRecord.MaxBreaches; i++)
        {
            intervention = intervention.RecordBreach(Today, "breach " + i, "", "PC-1", Now, "parent", "breach.occur_date").Intervention;
        }

        var e = Assert.Throws<RuleViolationException>(() => intervention.RecordBreach(Today, "one more", "", "PC-1", Now, "parent", "breach.occur_date"));

        Assert.Equal(200, intervention.Breaches.Count);
        Assert.Equal("parent", e.Field);
    }

    [Fact]
    public void R_MG8_an_update_merges_only_the_named_fields_and_refuses_a_blanked_part_of_the_analysis()
    {
        var current = Planned();
        var sent = new Contract.Intervention { Objective = "A narrower objective.", Enforcement = "", Description = "not named" };
        var paths = new HashSet<string> { "objective" };

        var merged = current.Update(d => InterventionValidation.Merge(d, sent, paths, "intervention"), "intervention.name");
        var e = Assert.Throws<RuleViolationException>(() =>
            current.Update(d => InterventionValidation.Merge(d, sent, new HashSet<string> { "objective", "enforcement" }, "intervention"), "intervention.name"));

        Assert.Equal("A narrower objective.", merged.Details.Analysis.Objective);
        Assert.Equal(current.Details.Analysis.Enforcement, merged.Details.Analysis.Enforcement);
        Assert.Equal(current.Details.Description, merged.Details.Description);
        Assert.Equal(("R-MG8", "intervention.enforcement"), (e.RuleId, e.Field));
    }

    [Fact]
    public void An_ended_intervention_cannot_be_updated()
    {
        var ended = Planned().ChangeStatus(InterventionStatus.Ended, Today, "withdrawn", "PC-1", Now, "status", "effective_date");

        var e = Assert.Throws<PreconditionFailedException>(() => ended.Update(d => d with { Description = "later" }, "intervention.name"));

        Assert.Equal("INTERVENTION_ENDED", e.Reason);
    }

    [Theory]
    [InlineData("plans/0190f5a4-3b1c-7d2e-8f00-000000000001/actions/a", true)]
    [InlineData("plans/0190f5a4-3b1c-7d2e-8f00-000000000001/actions/curfew-checks-2", true)]
    [InlineData("plans/0190f5a4-3b1c-7d2e-8f00-000000000001/actions/1a", false)]
    [InlineData("plans/0190F5A4-3B1C-7D2E-8F00-000000000001/actions/a", false)]
    [InlineData("plans/0190f5a4-3b1c-7d2e-8f00-000000000001/actions/a\n", false)]
    [InlineData("plans/0190f5a4-3b1c-7d2e-8f00-000000000001/actions/", false)]
    [InlineData("plans/0190f5a4/actions/a", false)]
    [InlineData("x/plans/0190f5a4-3b1c-7d2e-8f00-000000000001/actions/a", false)]
    public void A_plan_action_link_is_a_whole_plan_action_name(string name, bool valid)
    {
        var update = new Contract.Intervention { Etag = "\"1\"", PlanActions = { name } };

        var problems = Record.Exception(() => InterventionValidation.ValidateUpdate(update, new FieldMask { Paths = { "plan_actions" } }, "intervention"));

        Assert.Equal(valid, problems is null);
    }
}
