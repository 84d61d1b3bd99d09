using OffenderRisk.Assessments.Domain;
using OffenderRisk.Assessments.Grpc;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>R-AS8: a supervisor other than the author countersigns; until then it is a draft.</summary>
public sealed class CountersigningTests
{
    private static readonly DateTimeOffset Written = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Signed = Written.AddDays(1);

    private static AssessmentRecord Draft(string author = "PC-1001") => new(
        "0193a5f0-0000-7000-8000-0000000000aa", "XA",
        AssessmentValidation.Validate(AssessmentExamples.Agreeing(), "assessment"),
        author, AssessmentState.Draft, null, Written, Written, 1);

    [Theory]
    [InlineData("sgt-2001")]
    [InlineData(" SGT-2001")]
    public void R_AS8_the_author_cannot_countersign_under_another_spelling_of_their_user_id(string supervisor)
    {
        var e = Assert.Throws<RuleViolationException>(() => Countersigning.Countersign(Draft(author: "SGT-2001"), supervisor, Signed));

        Assert.Equal("R-AS8", e.RuleId);
    }

    [Fact]
    public void R_AS8_the_author_cannot_countersign_their_own_assessment()
    {
        var e = Assert.Throws<RuleViolationException>(() => Countersigning.Countersign(Draft(author: "SGT-2001"), "SGT-2001", Signed));

        Assert.Equal("R-AS8", e.RuleId);
        Assert.Equal("name", e.Field);
    }

    [Fact]
    public void R_AS8_another_supervisors_countersignature_ends_the_draft()
    {
        var draft = Draft();

        var countersigned = Countersigning.Countersign(draft, "SGT-2001", Signed);

        Assert.Equal(AssessmentState.Countersigned, countersigned.State);
        Assert.Equal(new Countersignature("SGT-2001", Signed), countersigned.Countersignature);
        Assert.Equal(Signed, countersigned.UpdateTime);
        Assert.Equal(2, countersigned.Version);
        Assert.Same(draft.Details, countersigned.Details);
        Assert.Equal(draft.Author, countersigned.Author);
    }

    [Fact]
    public void R_AS8_an_assessment_is_countersigned_only_once()
    {
        var countersigned = Countersigning.Countersign(Draft(), "SGT-2001", Signed);

        var e = Assert.Throws<PreconditionFailedException>(() => Countersigning.Countersign(countersigned, "SGT-2002", Signed.AddHours(1)));

        Assert.Equal("ALREADY_COUNTERSIGNED", e.Reason);
    }
}
