using OffenderRisk.Assessments.Domain;
using OffenderRisk.Platform.Errors;
using static OffenderRisk.UnitTests.Assessments.AssessmentLifecycleTests;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>R-AS6: only a countersigned assessment's outcome is shared; each disclosure is kept, oldest first, up to a bound.</summary>
public sealed class AssessmentDisclosureTests
{
    private static readonly DateTimeOffset When = new(2026, 4, 1, 10, 0, 0, TimeSpan.Zero);

    private static Disclosure ToChildrensServices(int n = 1) =>
        new(RecipientAgency.ChildrensSocialCare, "Example County Council Children's Services", $"Safeguarding strategy meeting {n}", "PC-1001", When.AddMinutes(n));

    [Fact]
    public void R_AS6_a_countersigned_assessment_is_disclosed_and_the_disclosure_kept()
    {
        var disclosed = AssessmentDisclosure.Disclose(Countersigned(), ToChildrensServices());

        Assert.Equal(ToChildrensServices(), Assert.Single(disclosed.Disclosures));
        Assert.Equal(AssessmentState.Countersigned, disclosed.State);
    }

    [Fact]
    public void R_AS6_a_superseded_assessment_is_still_a_finished_one_and_may_be_disclosed()
    {
        var superseded = AssessmentLifecycle.Supersede(Countersigned(), "0193a5f0-0000-7000-8000-0000000000cc", When);

        Assert.Single(AssessmentDisclosure.Disclose(superseded, ToChildrensServices()).Disclosures);
    }

    [Fact]
    public void R_AS6_a_draft_submitted_or_returned_assessment_is_not_disclosed()
    {
        var returned = AssessmentLifecycle.Return(Submitted(), "SGT-2001", "r", When);

        foreach (var unfinished in new[] { Draft(), Submitted(), returned })
        {
            var e = Assert.Throws<RuleViolationException>(() => AssessmentDisclosure.Disclose(unfinished, ToChildrensServices()));
            Assert.Equal("R-AS6", e.RuleId);
            Assert.Equal("name", e.Field);
        }
    }

    [Fact]
    public void R_AS6_disclosures_are_kept_oldest_first_up_to_the_bound()
    {
        var assessment = Countersigned();
        for (var i = 1; i <= AssessmentDisclosure.MaxDisclosures; i++)
        {
            assessment = AssessmentDisclosure.Disclose(assessment, ToChildrensServices(i));
        }

        Assert.Throws<RuleViolationException>(() => AssessmentDisclosure.Disclose(assessment, ToChildrensServices(0)));
        Assert.Equal("Safeguarding strategy meeting 1", assessment.Disclosures[0].Purpose);
        Assert.Equal(AssessmentDisclosure.MaxDisclosures, assessment.Disclosures.Count);
    }
}
