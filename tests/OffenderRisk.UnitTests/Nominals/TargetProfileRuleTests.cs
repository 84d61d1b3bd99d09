using Microsoft.Extensions.Options;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>The NIM target profile flag on the nominal (R-MG6, R-AU3): the default at VERY_HIGH, and a supervisor's setting or removal.</summary>
public sealed class TargetProfileRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private static readonly AssessmentReviewSchedule Reviews = new(Options.Create(new NominalRules()));

    private static CountersignedAssessment Assessment(string id, RiskLevel level, int daysAgo = 0) =>
        new(id, AssessmentKind.Arms, level, new DateOnly(2026, 11, 30).AddDays(-daysAgo), RiskToChildrenConclusion.Unspecified, Now.AddDays(-daysAgo), "SUP-1");

    private static NominalRecord Nominal() => IntelligenceRulesTests.Nominal("MO-1");

    [Fact]
    public void R_MG6_a_countersigned_VERY_HIGH_assessment_flags_the_nominal_by_default_by_its_countersigner()
    {
        var m = Nominal().RecordCountersignedAssessment(Assessment("A-1", RiskLevel.VeryHigh), Reviews).Nominal.Management;

        Assert.Equal(new TargetProfileEntry(true, m.TargetProfile!.Reason, "SUP-1", Now, "A-1"), m.TargetProfile);
        Assert.Equal([m.TargetProfile], m.TargetProfileHistory);
    }

    [Theory]
    [InlineData(RiskLevel.High)]
    [InlineData(RiskLevel.Medium)]
    public void R_MG6_a_lower_level_does_not_flag(RiskLevel level)
    {
        Assert.Null(Nominal().RecordCountersignedAssessment(Assessment("A-1", level), Reviews).Nominal.Management.TargetProfile);
    }

    [Fact]
    public void R_MG6_a_nominal_already_flagged_is_not_flagged_again_and_an_older_VERY_HIGH_arriving_late_does_not_flag()
    {
        var flagged = Nominal().RecordCountersignedAssessment(Assessment("A-1", RiskLevel.VeryHigh), Reviews).Nominal;
        var again = flagged.RecordCountersignedAssessment(Assessment("A-2", RiskLevel.VeryHigh), Reviews).Nominal;
        Assert.Single(again.Management.TargetProfileHistory);

        var current = Nominal().RecordCountersignedAssessment(Assessment("A-3", RiskLevel.Low), Reviews).Nominal;
        var late = current.RecordCountersignedAssessment(Assessment("A-4", RiskLevel.VeryHigh, daysAgo: 30), Reviews).Nominal;
        Assert.Null(late.Management.TargetProfile);
    }

    [Fact]
    public void R_MG6_removing_the_flag_needs_a_rationale()
    {
        var flagged = Nominal().RecordCountersignedAssessment(Assessment("A-1", RiskLevel.VeryHigh), Reviews).Nominal;

        var e = Assert.Throws<RuleViolationException>(() => flagged.SetTargetProfile(false, "  ", "SUP-2", Now));

        Assert.Equal(("R-MG6", "rationale"), (e.RuleId, e.Field));
    }

    [Fact]
    public void R_MG6_a_removal_with_its_rationale_and_a_later_setting_are_both_kept_in_the_history()
    {
        var flagged = Nominal().RecordCountersignedAssessment(Assessment("A-1", RiskLevel.VeryHigh), Reviews).Nominal;

        var removed = flagged.SetTargetProfile(false, "Fictional: covered by the MAPPA plan.", "SUP-2", Now.AddDays(1)).Nominal;
        var set = removed.SetTargetProfile(true, "", "SUP-3", Now.AddDays(2)).Nominal;

        Assert.Equal([true, false, true], set.Management.TargetProfileHistory.Select(t => t.Flagged));
        Assert.Equal(new TargetProfileEntry(false, "Fictional: covered by the MAPPA plan.", "SUP-2", Now.AddDays(1)), set.Management.TargetProfileHistory[1]);
        Assert.Equal("SUP-3", set.Management.TargetProfile!.SetBy);
    }

    [Fact]
    public void Setting_the_flag_as_it_already_is_is_refused()
    {
        var e = Assert.Throws<PreconditionFailedException>(() => Nominal().SetTargetProfile(false, "Fictional rationale.", "SUP-2", Now));

        Assert.Equal("NO_CHANGE", e.Reason);
    }

    [Fact]
    public void The_target_profile_history_keeps_the_most_recent_200()
    {
        var n = Nominal();
        for (var i = 0; i < NominalManagement.MaxTargetProfileHistory + 4; i++)
        {
            n = n.SetTargetProfile(i % 2 == 0, "Fictional rationale " + i, "SUP-1", Now.AddMinutes(i)).Nominal;
        }

        Assert.Equal(NominalManagement.MaxTargetProfileHistory, n.Management.TargetProfileHistory.Count);
        Assert.Equal("Fictional rationale 4", n.Management.TargetProfileHistory[0].Reason);
    }
}
