using OffenderRisk.Assessments.Domain;
using OffenderRisk.Assessments.Domain.Tools;
using OffenderRisk.Platform.Errors;
using static OffenderRisk.UnitTests.Assessments.OspExamples;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>
/// R-AS2: OSP/DC computed exactly as TOOLS.md gives it. Every expected score is computed by hand
/// in the comment above its test; the items are
/// contact adult 0/5/10/15, contact child 0/3/6/9, non-contact 0/2/4/6, age at follow-up
/// 20 − ⌊age/3⌋ (18-62) or 0 (63+), age at last sexual sanction 0 (10-15) / 5 (16-17) / 10 (18+),
/// total sanctions 0 (1) / 6 (2+), stranger victim 4 (yes) / 0 (no) / 2 (unknown).
/// </summary>
public sealed class OspDirectContactTests
{
    // 5 (one contact adult) + 0 + 0 + (20 − ⌊40/3⌋ = 20 − 13 = 7) + 10 (38 at last) + 6 (three in all) + 2 (unknown) = 30 → high.
    [Fact]
    public void R_AS2_the_TOOLS_worked_example_scores_30_points_high_with_every_item()
    {
        var score = Score(WorkedExample());

        Assert.Equal(OspDcOutcome.Scored, score.Outcome);
        Assert.Equal(new OspDcItems(5, 0, 0, 7, 10, 6, 2), score.Items);
        Assert.Equal(30, score.Points);
        Assert.Equal(RiskLevel.High, score.Band);
        Assert.Equal(OspDirectContact.ToolVersion, score.ToolVersion);
        Assert.Equal("OSP/DC TOOLS.md-v1", score.ToolVersion);
    }

    // The worked example's history at 43: 5 + 0 + 0 + (20 − ⌊43/3⌋ = 20 − 14 = 6) + 10 + 6 + 2 = 29 → medium.
    [Fact]
    public void R_AS2_band_edge_29_points_is_medium()
    {
        var score = Score(AgedAtFollowUp(43));

        Assert.Equal(29, score.Points);
        Assert.Equal(RiskLevel.Medium, score.Band);
    }

    // One contact adult sanction, one sanction in all, no stranger victim, at 41:
    // 5 + 0 + 0 + (20 − ⌊41/3⌋ = 20 − 13 = 7) + 10 + 0 + 0 = 22 → medium.
    [Fact]
    public void R_AS2_band_edge_22_points_is_medium()
    {
        var score = Score(AgedAtFollowUp(41, OneSanctionNoStranger()));

        Assert.Equal(22, score.Points);
        Assert.Equal(RiskLevel.Medium, score.Band);
    }

    // The same history at 42: 5 + 0 + 0 + (20 − ⌊42/3⌋ = 20 − 14 = 6) + 10 + 0 + 0 = 21 → low.
    [Fact]
    public void R_AS2_band_edge_21_points_is_low()
    {
        var score = Score(AgedAtFollowUp(42, OneSanctionNoStranger()));

        Assert.Equal(21, score.Points);
        Assert.Equal(RiskLevel.Low, score.Band);
    }

    // One sanction of each contact and non-contact kind, five in all, stranger unknown, at 40:
    // 5 + 3 + 2 + (20 − ⌊40/3⌋ = 7) + 10 + 6 + 2 = 35 → high.
    [Fact]
    public void R_AS2_band_edge_35_points_is_high()
    {
        var score = Score(AgedAtFollowUp(40, OneOfEachKind()));

        Assert.Equal(35, score.Points);
        Assert.Equal(RiskLevel.High, score.Band);
    }

    // The same history at 38: 5 + 3 + 2 + (20 − ⌊38/3⌋ = 20 − 12 = 8) + 10 + 6 + 2 = 36 → very high.
    [Fact]
    public void R_AS2_band_edge_36_points_is_very_high()
    {
        var score = Score(AgedAtFollowUp(38, OneOfEachKind()));

        Assert.Equal(36, score.Points);
        Assert.Equal(RiskLevel.VeryHigh, score.Band);
    }

    // Every item at its top: 15 (3+ adult) + 9 (3+ child) + 6 (3+ non-contact) + (20 − ⌊18/3⌋ = 14)
    // + 10 (18 at last) + 6 + 4 (stranger) = 64 → very high.
    [Fact]
    public void R_AS2_every_item_at_its_top_scores_the_maximum_64()
    {
        var born = BornAged(18, FollowUp);
        var inputs = new OspInputs(born, Gender.Male, FollowUp, 3, 4, 7, 0, 20, FollowUp, StrangerVictim.Yes);

        var score = Score(inputs);

        Assert.Equal(new OspDcItems(15, 9, 6, 14, 10, 6, 4), score.Items);
        Assert.Equal(64, score.Points);
        Assert.Equal(RiskLevel.VeryHigh, score.Band);
    }

    // One indecent-image sanction only, one in all, at 14 when sanctioned, 63 at follow-up, no stranger:
    // 0 + 0 + 0 + 0 (63+) + 0 (14 at last) + 0 + 0 = 0 → band "not applicable", probability 0.
    [Fact]
    public void R_AS2_zero_points_has_no_band_and_probability_0()
    {
        var born = BornAged(63, FollowUp);
        var inputs = new OspInputs(born, Gender.Male, FollowUp, 0, 0, 0, 1, 1, born.AddYears(14), StrangerVictim.No);

        var score = Score(inputs);

        Assert.Equal(OspDcOutcome.Scored, score.Outcome);
        Assert.Equal(0, score.Points);
        Assert.Null(score.Band);
        Assert.Equal(0, score.Probability);
    }

    // 18-62: 20 − ⌊age/3⌋; 63 or over: 0. 18 → 20 − 6 = 14; 59 → 20 − 19 = 1; 62 → 20 − 20 = 0; 63 → 0; 90 → 0.
    [Theory]
    [InlineData(18, 14)]
    [InlineData(59, 1)]
    [InlineData(62, 0)]
    [InlineData(63, 0)]
    [InlineData(90, 0)]
    public void R_AS2_age_at_follow_up_gives_its_points(int age, int points)
    {
        var born = BornAged(age, FollowUp);
        var inputs = WorkedExample() with { DateOfBirth = born, LastSexualSanctionDate = born.AddYears(18) };

        Assert.Equal(points, Score(inputs).Items!.AgeAtFollowUpStart);
    }

    [Fact]
    public void R_AS2_on_the_18th_birthday_itself_the_age_item_is_scored()
    {
        var born = FollowUp.AddYears(-18);
        var inputs = WorkedExample() with { DateOfBirth = born, LastSexualSanctionDate = born.AddYears(17) };

        var score = Score(inputs);

        Assert.Equal(14, score.Items!.AgeAtFollowUpStart);
        Assert.Equal(5, score.Items.AgeAtLastSexualSanction);
    }

    [Fact]
    public void R_AS2_17_at_follow_up_the_day_before_the_18th_birthday_is_not_scorable_naming_the_date_of_birth()
    {
        var born = FollowUp.AddYears(-18).AddDays(1);
        var inputs = WorkedExample() with { DateOfBirth = born, LastSexualSanctionDate = born.AddYears(16) };

        var e = Assert.Throws<RuleViolationException>(() => Score(inputs, "assessment.osp_inputs"));

        Assert.Equal("R-AS2", e.RuleId);
        Assert.Equal("assessment.osp_inputs.date_of_birth", e.Field);
    }

    // Born 29 February 2008: in 2026 (a common year) he is 17 on 28 February and 18 on 1 March.
    [Fact]
    public void R_AS2_a_29_February_birthday_is_18_on_1_March_of_a_common_year_not_on_28_February()
    {
        var born = new DateOnly(2008, 2, 29);
        var inputs = WorkedExample() with { DateOfBirth = born, LastSexualSanctionDate = new DateOnly(2024, 2, 29) };

        Assert.Throws<RuleViolationException>(() => Score(inputs with { FollowUpStartDate = new DateOnly(2026, 2, 28) }));
        var score = Score(inputs with { FollowUpStartDate = new DateOnly(2026, 3, 1) });

        Assert.Equal(14, score.Items!.AgeAtFollowUpStart);
    }

    // Born 29 February 2008, sanctioned on 29 February 2024 (a leap year): 16 that day → 5 points.
    [Fact]
    public void R_AS2_a_29_February_birthday_in_a_leap_year_is_attained_that_day()
    {
        var born = new DateOnly(2008, 2, 29);
        var inputs = WorkedExample() with { DateOfBirth = born, LastSexualSanctionDate = new DateOnly(2024, 2, 29) };

        Assert.Equal(5, Score(inputs).Items!.AgeAtLastSexualSanction);
    }

    // 10-15 → 0, 16-17 → 5, 18 or over → 10.
    [Theory]
    [InlineData(10, 0)]
    [InlineData(15, 0)]
    [InlineData(16, 5)]
    [InlineData(17, 5)]
    [InlineData(18, 10)]
    [InlineData(38, 10)]
    public void R_AS2_age_at_the_last_sexual_sanction_gives_its_points(int age, int points)
    {
        var born = BornAged(40, FollowUp);
        var inputs = WorkedExample() with { DateOfBirth = born, LastSexualSanctionDate = born.AddYears(age) };

        Assert.Equal(points, Score(inputs).Items!.AgeAtLastSexualSanction);
    }

    // The day before the 16th birthday is still 15 → 0; the birthday itself is 16 → 5.
    [Fact]
    public void R_AS2_the_16th_birthday_moves_the_last_sanction_item_from_0_to_5()
    {
        var born = BornAged(40, FollowUp);
        var inputs = WorkedExample() with { DateOfBirth = born };

        Assert.Equal(0, Score(inputs with { LastSexualSanctionDate = born.AddYears(16).AddDays(-1) }).Items!.AgeAtLastSexualSanction);
        Assert.Equal(5, Score(inputs with { LastSexualSanctionDate = born.AddYears(16) }).Items!.AgeAtLastSexualSanction);
    }

    // Counts cap at 3 or more: adult 0/1/2/3/9 → 0/5/10/15/15, child → 0/3/6/9/9, non-contact → 0/2/4/6/6.
    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(1, 5, 3, 2)]
    [InlineData(2, 10, 6, 4)]
    [InlineData(3, 15, 9, 6)]
    [InlineData(9, 15, 9, 6)]
    public void R_AS2_each_sexual_count_gives_its_points(int count, int adult, int child, int nonContact)
    {
        var inputs = WorkedExample() with
        {
            ContactAdultSanctions = count,
            ContactChildSanctions = count,
            NonContactSanctions = count,
            IndecentImageSanctions = 1,
            TotalSanctions = (3 * count) + 1,
        };

        var items = Score(inputs).Items!;

        Assert.Equal((adult, child, nonContact), (items.ContactAdultSanctions, items.ContactChildSanctions, items.NonContactSanctions));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 6)]
    [InlineData(500, 6)]
    public void R_AS2_total_sanctions_give_0_for_one_and_6_for_two_or_more(int total, int points)
    {
        Assert.Equal(points, Score(WorkedExample() with { TotalSanctions = total }).Items!.TotalSanctions);
    }

    [Theory]
    [InlineData(StrangerVictim.Yes, 4)]
    [InlineData(StrangerVictim.No, 0)]
    [InlineData(StrangerVictim.Unknown, 2)]
    public void R_AS2_stranger_victim_gives_its_points(StrangerVictim stranger, int points)
    {
        Assert.Equal(points, Score(WorkedExample() with { StrangerVictim = stranger }).Items!.StrangerVictim);
    }

    // 30 points: z = −8.6333 + 0.1598 × 30 = −8.6333 + 4.7940 = −3.8393;
    // e^z = e^−4 × e^0.1607 = 0.018316 × 1.174333 = 0.021509; p = 0.021509 / 1.021509 = 0.021056 → 0.0211.
    [Fact]
    public void R_AS2_the_probability_at_30_points_is_0_0211()
    {
        Assert.Equal(0.0211, Score(WorkedExample()).Probability);
    }

    // 64 points: z = −8.6333 + 0.1598 × 64 = −8.6333 + 10.2272 = 1.5939;
    // e^z = e^1.5 × e^0.0939 = 4.481689 × 1.098450 = 4.922911; p = 4.922911 / 5.922911 = 0.831164 → 0.8312.
    [Fact]
    public void R_AS2_the_probability_at_64_points_is_0_8312()
    {
        Assert.Equal(0.8312, OspDirectContact.ProbabilityOf(64));
    }

    [Fact]
    public void R_AS2_a_woman_with_a_sexual_sanction_gets_not_applicable()
    {
        var score = Score(WorkedExample() with { Gender = Gender.Female });

        Assert.Equal(OspDcOutcome.NotApplicable, score.Outcome);
        Assert.Null(score.Band);
        Assert.Null(score.Items);
        Assert.Equal(OspDirectContact.ToolVersion, score.ToolVersion);
    }

    [Theory]
    [InlineData(Gender.Male)]
    [InlineData(Gender.Female)]
    [InlineData(Gender.Other)]
    [InlineData(Gender.Unknown)]
    public void R_AS2_anyone_without_a_sexual_sanction_gets_no_score(Gender gender)
    {
        var score = Score(NoSexualSanction() with { Gender = gender });

        Assert.Equal(OspDcOutcome.NoScore, score.Outcome);
        Assert.Equal(0, score.Points);
        Assert.Null(score.Band);
        Assert.Null(score.Items);
    }

    [Theory]
    [InlineData(Gender.Other)]
    [InlineData(Gender.Unknown)]
    public void R_AS2_a_gender_other_or_unknown_with_a_sexual_sanction_is_not_scorable_naming_the_gender(Gender gender)
    {
        var e = Assert.Throws<RuleViolationException>(() => Score(WorkedExample() with { Gender = gender }, "osp"));

        Assert.Equal("R-AS2", e.RuleId);
        Assert.Equal("osp.gender", e.Field);
    }

    [Fact]
    public void R_AS2_inputs_are_validated_before_scoring()
    {
        var e = Assert.Throws<ValidationFailedException>(() => Score(WorkedExample() with { TotalSanctions = 0 }));

        Assert.Equal("osp.total_sanctions", Assert.Single(e.Problems).Field);
    }

    private static OspDcScore Score(OspInputs inputs, string prefix = "osp") => OspDirectContact.Score(inputs, prefix);

    private static OspInputs OneSanctionNoStranger() => WorkedExample() with { TotalSanctions = 1, StrangerVictim = StrangerVictim.No };

    private static OspInputs OneOfEachKind() => WorkedExample() with
    {
        ContactAdultSanctions = 1,
        ContactChildSanctions = 1,
        NonContactSanctions = 1,
        TotalSanctions = 5,
    };
}
