using OffenderRisk.Assessments.Domain;
using OffenderRisk.Platform.Errors;
using OffenderRisk.Platform.Records;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>
/// R-AS8 and R-MR1: DRAFT -> SUBMITTED -> COUNTERSIGNED, or SUBMITTED -> RETURNED -> SUBMITTED;
/// the author writes and submits, a supervisor who is not the author returns or countersigns.
/// Each allowed transition and each refusal.
/// </summary>
public sealed class AssessmentLifecycleTests
{
    private const string Author = "PC-1001";
    private static readonly DateTimeOffset Written = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Written.AddDays(1);

    internal static AssessmentRecord Draft(string author = Author)
    {
        var (details, outcome) = AssessmentExamples.Assess(AssessmentExamples.Agreeing());
        return AssessmentRecord.Draft(details, outcome, "XA", author, Written);
    }

    internal static AssessmentRecord Submitted(string author = Author) => AssessmentLifecycle.Submit(Draft(author), author, Written);

    private static AssessmentRecord Returned() => AssessmentLifecycle.Return(Submitted(), "SGT-2001", "Evidence for the hostile orientation rating is missing.", Written);

    internal static AssessmentRecord Countersigned() => AssessmentLifecycle.Countersign(Submitted(), "SGT-2001", Written);

    [Fact]
    public void R_AS8_a_new_assessment_is_a_draft_of_its_author()
    {
        var draft = Draft();

        Assert.Equal(AssessmentState.Draft, draft.State);
        Assert.Equal(Author, draft.Author);
        Assert.False(draft.Current);
    }

    [Fact]
    public void R_AS8_the_author_submits_a_draft()
    {
        var submitted = AssessmentLifecycle.Submit(Draft(), Author, Later);

        Assert.Equal(AssessmentState.Submitted, submitted.State);
        Assert.Equal(Later, submitted.SubmitTime);
    }

    [Fact]
    public void R_AS8_the_author_resubmits_a_returned_assessment_and_the_return_is_kept()
    {
        var resubmitted = AssessmentLifecycle.Submit(Returned(), Author, Later);

        Assert.Equal(AssessmentState.Submitted, resubmitted.State);
        var kept = Assert.Single(resubmitted.Returns);
        Assert.Equal("SGT-2001", kept.ReturnedBy);
        Assert.Equal("Evidence for the hostile orientation rating is missing.", kept.Reason);
    }

    [Fact]
    public void R_AS8_only_the_author_submits()
    {
        AssertRefused(() => AssessmentLifecycle.Submit(Draft(), "PC-1002", Later));
    }

    [Fact]
    public void R_AS8_a_submitted_or_countersigned_assessment_cannot_be_submitted()
    {
        AssertRefused(() => AssessmentLifecycle.Submit(Submitted(), Author, Later));
        AssertRefused(() => AssessmentLifecycle.Submit(Countersigned(), Author, Later));
    }

    [Fact]
    public void R_AS8_a_supervisor_returns_a_submitted_assessment_with_its_reason()
    {
        var returned = AssessmentLifecycle.Return(Submitted(), "SGT-2001", "Rate the protective factors again.", Later);

        Assert.Equal(AssessmentState.Returned, returned.State);
        Assert.Equal(new CountersignReturn("SGT-2001", Later, "Rate the protective factors again."), Assert.Single(returned.Returns));
    }

    [Theory]
    [InlineData("PC-1001")]
    [InlineData("pc-1001")]
    [InlineData(" PC-1001 ")]
    public void R_AS8_the_author_cannot_return_their_own(string supervisor)
    {
        AssertRefused(() => AssessmentLifecycle.Return(Submitted(), supervisor, "r", Later));
    }

    [Fact]
    public void R_AS8_a_draft_returned_or_countersigned_assessment_cannot_be_returned()
    {
        AssertRefused(() => AssessmentLifecycle.Return(Draft(), "SGT-2001", "r", Later));
        AssertRefused(() => AssessmentLifecycle.Return(Returned(), "SGT-2001", "r", Later));
        AssertRefused(() => AssessmentLifecycle.Return(Countersigned(), "SGT-2002", "r", Later));
    }

    [Fact]
    public void R_AS8_returns_are_bounded()
    {
        var assessment = Submitted();
        for (var i = 0; i < AssessmentLifecycle.MaxReturns; i++)
        {
            assessment = AssessmentLifecycle.Submit(AssessmentLifecycle.Return(assessment, "SGT-2001", $"round {i}", Later), Author, Later);
        }

        AssertRefused(() => AssessmentLifecycle.Return(assessment, "SGT-2001", "once more", Later));
        Assert.Equal(AssessmentLifecycle.MaxReturns, assessment.Returns.Count);
    }

    [Fact]
    public void R_AS8_another_supervisor_countersigns_a_submitted_assessment_and_it_is_current()
    {
        var submitted = Submitted();

        var countersigned = AssessmentLifecycle.Countersign(submitted, "SGT-2001", Later);

        Assert.Equal(AssessmentState.Countersigned, countersigned.State);
        Assert.Equal(new Countersignature("SGT-2001", Later), countersigned.Countersignature);
        Assert.True(countersigned.Current);
        Assert.Same(submitted.Details, countersigned.Details);
        Assert.Same(submitted.Outcome, countersigned.Outcome);
    }

    [Theory]
    [InlineData("SGT-2001")]
    [InlineData("sgt-2001")]
    [InlineData(" SGT-2001")]
    public void R_AS8_the_author_cannot_countersign_their_own_under_any_spelling_of_their_user_id(string supervisor)
    {
        AssertRefused(() => AssessmentLifecycle.Countersign(Submitted(author: "SGT-2001"), supervisor, Later));
    }

    [Fact]
    public void R_AS8_a_draft_returned_or_countersigned_assessment_cannot_be_countersigned()
    {
        AssertRefused(() => AssessmentLifecycle.Countersign(Draft(), "SGT-2001", Later));
        AssertRefused(() => AssessmentLifecycle.Countersign(Returned(), "SGT-2002", Later));
        AssertRefused(() => AssessmentLifecycle.Countersign(Countersigned(), "SGT-2002", Later));
    }

    [Fact]
    public void R_AS8_the_author_revises_a_draft_or_a_returned_assessment()
    {
        var (details, outcome) = AssessmentExamples.Assess(AssessmentExamples.Overriding(Contracts.Common.V1.RiskLevel.VeryHigh));

        var draft = AssessmentLifecycle.Revise(Draft(), details, outcome, Author, Later);
        var returned = AssessmentLifecycle.Revise(Returned(), details, outcome, Author, Later);

        Assert.Equal(RiskLevel.VeryHigh, draft.Outcome.FinalLevel);
        Assert.Equal(AssessmentState.Draft, draft.State);
        Assert.Equal(AssessmentState.Returned, returned.State);
        Assert.Same(details, returned.Details);
    }

    [Fact]
    public void R_AS8_only_the_author_revises_and_only_a_draft_or_returned_assessment()
    {
        var (details, outcome) = AssessmentExamples.Assess(AssessmentExamples.Agreeing());

        AssertRefused(() => AssessmentLifecycle.Revise(Draft(), details, outcome, "PC-1002", Later, "assessment.name"), "assessment.name");
        AssertRefused(() => AssessmentLifecycle.Revise(Submitted(), details, outcome, Author, Later, "assessment.name"), "assessment.name");
        AssertRefused(() => AssessmentLifecycle.Revise(Countersigned(), details, outcome, Author, Later, "assessment.name"), "assessment.name");
    }

    [Fact]
    public void R_AS8_a_draft_with_a_typed_tool_outcome_is_submitted_only_after_an_update()
    {
        var typed = Draft() with { TypedToolOutcome = true };
        var (details, outcome) = AssessmentExamples.Assess(AssessmentExamples.Agreeing());

        AssertRefused(() => AssessmentLifecycle.Submit(typed, Author, Later));
        var revised = AssessmentLifecycle.Revise(typed, details, outcome, Author, Later);

        Assert.Equal(AssessmentState.Submitted, AssessmentLifecycle.Submit(revised, Author, Later).State);
    }

    [Fact]
    public void R_AS8_a_current_assessment_is_superseded_by_a_later_one_and_stays_countersigned()
    {
        var superseded = AssessmentLifecycle.Supersede(Countersigned(), "0193a5f0-0000-7000-8000-0000000000cc", Later);

        Assert.Equal(AssessmentState.Countersigned, superseded.State);
        Assert.Equal("0193a5f0-0000-7000-8000-0000000000cc", superseded.SupersededBy);
        Assert.False(superseded.Current);
        Assert.Throws<InvalidOperationException>(() => AssessmentLifecycle.Supersede(Submitted(), "0193a5f0-0000-7000-8000-0000000000cc", Later));
    }

    private static void AssertRefused(Func<AssessmentRecord> transition, string field = "name")
    {
        var e = Assert.Throws<RuleViolationException>(() => transition());
        Assert.Equal("R-AS8", e.RuleId);
        Assert.Equal(field, e.Field);
    }
}
