using OffenderRisk.Interventions.Domain;
using OffenderRisk.Platform.Errors;
using OffenderRisk.Platform.Records;
using static OffenderRisk.UnitTests.Interventions.PlanExamples;

namespace OffenderRisk.UnitTests.Interventions;

/// <summary>A plan version's lifecycle (R-MG4, R-MR1) on the platform's countersigning, versions, completions, and R-RM4's blank review date.</summary>
public sealed class PlanLifecycleTests
{
    [Fact]
    public void R_MR1_a_plan_is_submitted_by_its_author_and_countersigned_by_another_supervisor_and_becomes_current()
    {
        var submitted = PlanLifecycle.Submit(Draft(), Officer, Now);
        var countersigned = PlanLifecycle.Countersign(submitted, Supervisor, Later);

        Assert.Equal((PlanState.Submitted, Now), (submitted.State, submitted.SubmitTime));
        Assert.Equal(PlanState.Countersigned, countersigned.State);
        Assert.Equal(new Countersignature(Supervisor, Later), countersigned.Countersignature);
        Assert.True(countersigned.Current);
    }

    [Fact]
    public void R_MR1_the_author_cannot_countersign_their_own_plan_whatever_the_case_of_the_user_id()
    {
        var submitted = PlanLifecycle.Submit(Draft(author: Supervisor), Supervisor, Now);

        var e = Assert.Throws<RuleViolationException>(() => PlanLifecycle.Countersign(submitted, " sgt-plan-1", Later));

        Assert.Equal(("R-MG4", "name"), (e.RuleId, e.Field));
    }

    [Fact]
    public void R_MR1_a_return_keeps_its_reason_and_the_author_may_then_update_and_resubmit()
    {
        var returned = PlanLifecycle.Return(PlanLifecycle.Submit(Draft(), Officer, Now), Supervisor, "Add an objective about employment.", Later);
        var revised = PlanLifecycle.Revise(returned, Content() with { Summary = "Revised." }, null, Officer, Later);
        var resubmitted = PlanLifecycle.Submit(revised, Officer, Later);

        Assert.Equal(new CountersignReturn(Supervisor, Later, "Add an objective about employment."), Assert.Single(resubmitted.Returns));
        Assert.Equal(PlanState.Submitted, resubmitted.State);
        Assert.Equal("Revised.", resubmitted.Content.Summary);
    }

    [Fact]
    public void R_MG4_only_the_author_updates_or_submits_and_only_a_draft_or_returned_version()
    {
        var notAuthor = Assert.Throws<RuleViolationException>(() => PlanLifecycle.Revise(Draft(), Content(), null, "PC-OTHER", Now));
        var submitted = PlanLifecycle.Submit(Draft(), Officer, Now);
        var twice = Assert.Throws<RuleViolationException>(() => PlanLifecycle.Submit(submitted, Officer, Later));
        var countersignedDraft = Assert.Throws<RuleViolationException>(() => PlanLifecycle.Countersign(Draft(), Supervisor, Later));

        Assert.All([notAuthor, twice, countersignedDraft], e => Assert.Equal(("R-MG4", "name"), (e.RuleId, e.Field)));
        Assert.Contains("only the author of a plan", notAuthor.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void R_MG4_a_revision_is_numbered_one_more_and_keeps_the_completion_of_every_action_it_carries_over()
    {
        var first = PlanLifecycle.CompleteAction(Countersigned(), "visits", Today, "Three visits made.", Officer, Later);

        var second = Draft(revised: first);

        Assert.Equal((2, first.Id, PlanState.Draft), (second.Number, second.Revises, second.State));
        Assert.Equal(first.Content.Actions[0].Completion, second.Content.Actions.Single(a => a.Id == "visits").Completion);
        Assert.Null(second.Content.Actions.Single(a => a.Id == "victim-warning").Completion);
    }

    [Fact]
    public void R_MG4_superseding_leaves_the_old_version_countersigned_but_not_current()
    {
        var first = Countersigned();

        var superseded = PlanLifecycle.Supersede(first, "019a0000-0000-7000-8000-0000000000ff", Later);

        Assert.Equal(PlanState.Countersigned, superseded.State);
        Assert.False(superseded.Current);
        Assert.Throws<InvalidOperationException>(() => PlanLifecycle.Supersede(superseded, "019a0000-0000-7000-8000-0000000000fe", Later));
    }

    [Fact]
    public void R_MG4_completion_records_who_when_and_what_and_a_second_completion_is_refused()
    {
        var done = PlanLifecycle.CompleteAction(Countersigned(), "visits", Today, "Three visits made.", Officer, Later);

        Assert.Equal(new ActionCompletion(Today, "Three visits made.", Officer, Later), done.Content.Actions[0].Completion);
        var again = Assert.Throws<PreconditionFailedException>(() => PlanLifecycle.CompleteAction(done, "visits", Today, "Again.", Officer, Later));
        Assert.Equal("ACTION_ALREADY_COMPLETED", again.Reason);
    }

    [Fact]
    public void R_MG4_only_an_action_of_the_current_version_is_completed()
    {
        var e = Assert.Throws<RuleViolationException>(() => PlanLifecycle.CompleteAction(Draft(), "visits", Today, "Done.", Officer, Later));
        var missing = Assert.Throws<ResourceNotFoundException>(() => PlanLifecycle.CompleteAction(Countersigned(), "nope", Today, "Done.", Officer, Later));

        Assert.Equal(("R-MG4", "name"), (e.RuleId, e.Field));
        Assert.EndsWith("/actions/nope", missing.ResourceName, StringComparison.Ordinal);
    }

    [Fact]
    public void R_RM4_placement_clears_the_current_police_plans_review_date_once()
    {
        var current = Countersigned();

        var cleared = PlanLifecycle.ClearReviewDateOnReactive(current, Later);

        Assert.Null(cleared!.Content.ReviewDate);
        Assert.Null(PlanLifecycle.ClearReviewDateOnReactive(cleared, Later));
        Assert.Null(PlanLifecycle.ClearReviewDateOnReactive(Draft(), Later));
        Assert.Null(PlanLifecycle.ClearReviewDateOnReactive(current with { Kind = PlanKind.Mappa }, Later));
    }

    [Theory]
    [InlineData("plans/019a0000-0000-7000-8000-0000000000b2/actions/visits", "visits")]
    [InlineData("plans/019A0000-0000-7000-8000-0000000000B2/actions/a-1", "a-1")]
    public void An_actions_name_is_parsed_to_its_plan_and_id(string name, string action)
    {
        var (plan, actionId) = PlanNames.ParseAction(name, "name");

        Assert.Equal(("019a0000-0000-7000-8000-0000000000b2", action), (plan.Id, actionId));
    }

    [Theory]
    [InlineData("plans/019a0000-0000-7000-8000-0000000000b2/actions/Visits")]
    [InlineData("plans/019a0000-0000-7000-8000-0000000000b2/actions/")]
    [InlineData("plans/not-a-uuid/actions/visits")]
    [InlineData("plans/019a0000-0000-7000-8000-0000000000b2/actions/visits\n")]
    [InlineData("interventions/019a0000-0000-7000-8000-0000000000b2/actions/visits")]
    public void A_malformed_actions_name_is_invalid(string name) =>
        Assert.Throws<ValidationFailedException>(() => PlanNames.ParseAction(name, "name"));
}
