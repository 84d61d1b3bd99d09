using OffenderRisk.Assessments.Grpc;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Platform.Errors;
using Domain = OffenderRisk.Assessments.Domain;

namespace OffenderRisk.UnitTests.Assessments;

/// <summary>R-AS9: the acute factors, each of the eight present or absent with a note, per review and before each home visit.</summary>
public sealed class AcuteFactorValidationTests
{
    private const string Nominal = "nominals/0193a5f0-0000-7000-8000-000000000001";
    private const string Assessment = "assessments/0193a5f0-0000-7000-8000-0000000000a1";

    /// <summary>A complete recording before a home visit: all eight factors, hostility present with its note.</summary>
    private static AcuteFactorRecord HomeVisit()
    {
        var record = new AcuteFactorRecord { Nominal = Nominal, Occasion = AcuteFactorOccasion.HomeVisit, HomeVisit = "HV/2026-03/TEST_01" };
        foreach (var factor in Enum.GetValues<AcuteFactor>().Where(f => f != AcuteFactor.Unspecified))
        {
            record.Entries.Add(factor == AcuteFactor.Hostility
                ? new AcuteFactorEntry { Factor = factor, Present = true, Note = "Raised voice at the last visit (synthetic)." }
                : new AcuteFactorEntry { Factor = factor, Present = false });
        }
        return record;
    }

    private static AcuteFactorRecord Review()
    {
        var record = HomeVisit();
        record.Occasion = AcuteFactorOccasion.Review;
        record.HomeVisit = "";
        record.Assessment = Assessment;
        return record;
    }

    private static ValidationFailedException Refused(AcuteFactorRecord record) =>
        Assert.Throws<ValidationFailedException>(() => AcuteFactorValidation.Validate(record, "record"));

    private static List<(string Field, string? Rule)> Problems(AcuteFactorRecord record) =>
        Refused(record).Problems.Select(p => (p.Field, p.RuleId)).ToList();

    [Fact]
    public void R_AS9_a_recording_before_a_home_visit_with_all_eight_factors_is_accepted()
    {
        var details = AcuteFactorValidation.Validate(HomeVisit(), "record");

        Assert.Equal("0193a5f0-0000-7000-8000-000000000001", details.NominalId);
        Assert.Equal(Domain.AcuteFactorOccasion.HomeVisit, details.Occasion);
        Assert.Equal("HV/2026-03/TEST_01", details.HomeVisit);
        Assert.Null(details.AssessmentId);
        Assert.Equal(Domain.AcuteFactorRecording.Factors, details.Entries.Select(e => e.Factor));
        Assert.True(Assert.Single(details.Entries, e => e.Present).Factor == Domain.AcuteFactor.Hostility);
    }

    [Fact]
    public void R_AS9_a_recording_at_a_review_keeps_the_assessment_id_canonical()
    {
        var record = Review();
        record.Assessment = Assessment.ToUpperInvariant().Replace("ASSESSMENTS/", "assessments/", StringComparison.Ordinal);

        var details = AcuteFactorValidation.Validate(record, "record");

        Assert.Equal(Domain.AcuteFactorOccasion.Review, details.Occasion);
        Assert.Equal("0193a5f0-0000-7000-8000-0000000000a1", details.AssessmentId);
        Assert.Null(details.HomeVisit);
    }

    [Fact]
    public void R_AS9_the_eight_factors_are_those_of_the_rulebook()
    {
        Assert.Equal(8, Domain.AcuteFactorRecording.Factors.Count);
        Assert.DoesNotContain(Domain.AcuteFactor.Unspecified, Domain.AcuteFactorRecording.Factors);
    }

    [Fact]
    public void R_AS9_a_missing_factor_is_refused_naming_it()
    {
        var record = HomeVisit();
        record.Entries.RemoveAt(4); // substance misuse

        var problem = Assert.Single(Refused(record).Problems);

        Assert.Equal(("record.entries", "R-AS9"), (problem.Field, problem.RuleId));
        Assert.Contains("ACUTE_FACTOR_SUBSTANCE_MISUSE", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void R_AS9_no_entries_at_all_is_refused_once_for_each_factor()
    {
        var record = HomeVisit();
        record.Entries.Clear();

        Assert.Equal(Enumerable.Repeat(("record.entries", (string?)"R-AS9"), 8), Problems(record));
    }

    [Fact]
    public void R_AS9_a_factor_recorded_twice_is_refused_on_the_repeat()
    {
        var record = HomeVisit();
        record.Entries.Add(new AcuteFactorEntry { Factor = AcuteFactor.Hostility, Present = false });

        Assert.Equal([("record.entries[8].factor", "R-AS9")], Problems(record));
    }

    [Fact]
    public void R_AS9_a_factor_in_place_of_another_is_refused_as_a_repeat_and_a_missing_factor()
    {
        var record = HomeVisit();
        record.Entries[0].Factor = AcuteFactor.EmotionalCollapse;

        var problems = Refused(record).Problems;

        Assert.Equal(["record.entries", "record.entries[1].factor"], problems.Select(p => p.Field).Order(StringComparer.Ordinal));
        Assert.Contains("ACUTE_FACTOR_ACCESS_TO_VICTIMS", problems.Single(p => p.Field == "record.entries").Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void R_AS9_a_present_factor_needs_its_note(string note)
    {
        var record = HomeVisit();
        record.Entries[5].Present = true;
        record.Entries[5].Note = note;

        Assert.Equal([("record.entries[5].note", "R-AS9")], Problems(record));
    }

    [Fact]
    public void R_AS9_an_absent_factor_may_have_a_note_or_none()
    {
        var record = HomeVisit();
        record.Entries[0].Note = "No children in the household or nearby (synthetic).";

        var details = AcuteFactorValidation.Validate(record, "record");

        Assert.Equal("No children in the household or nearby (synthetic).", details.Entries[0].Note);
        Assert.Equal("", details.Entries[1].Note);
    }

    [Fact]
    public void A_note_of_4000_characters_is_accepted_and_one_more_is_refused()
    {
        var record = HomeVisit();
        record.Entries[3].Note = new string('n', 4000);
        AcuteFactorValidation.Validate(record, "record");

        record.Entries[3].Note = new string('n', 4001);

        Assert.Equal([("record.entries[3].note", null)], Problems(record));
    }

    [Theory]
    [InlineData(AcuteFactor.Unspecified)]
    [InlineData((AcuteFactor)9)]
    public void R_AS9_an_entry_naming_no_factor_on_the_list_is_refused(AcuteFactor factor)
    {
        var record = HomeVisit();
        record.Entries.Add(new AcuteFactorEntry { Factor = factor });

        Assert.Equal([("record.entries[8].factor", "R-AS9")], Problems(record));
    }

    [Theory]
    [InlineData(AcuteFactorOccasion.Unspecified)]
    [InlineData((AcuteFactorOccasion)3)]
    public void R_AS9_the_occasion_is_a_review_or_a_home_visit(AcuteFactorOccasion occasion)
    {
        var record = HomeVisit();
        record.Occasion = occasion;
        record.HomeVisit = "";

        Assert.Equal([("record.occasion", "R-AS9")], Problems(record));
    }

    [Fact]
    public void R_AS9_a_review_names_the_assessment_reviewed_and_no_visit()
    {
        var record = Review();
        record.Assessment = "";
        record.HomeVisit = "HV-1";

        Assert.Equal(
            [("record.assessment", "R-AS9"), ("record.home_visit", "R-AS9")],
            Problems(record).OrderBy(p => p.Field, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("assessments/not-a-uuid")]
    [InlineData("nominals/0193a5f0-0000-7000-8000-0000000000a1")]
    [InlineData("assessments/0193a5f0-0000-7000-8000-0000000000a1/x")]
    public void A_review_names_an_assessment_by_its_resource_name(string assessment)
    {
        var record = Review();
        record.Assessment = assessment;

        Assert.Equal([("record.assessment", null)], Problems(record));
    }

    [Fact]
    public void R_AS9_a_home_visit_names_the_visit_and_no_assessment()
    {
        var record = HomeVisit();
        record.HomeVisit = "";
        record.Assessment = Assessment;

        Assert.Equal(
            [("record.assessment", "R-AS9"), ("record.home_visit", "R-AS9")],
            Problems(record).OrderBy(p => p.Field, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("HV 1")]
    [InlineData("HV-1\n")]
    [InlineData("HV.1")]
    [InlineData("HV-١")]
    [InlineData("<script>")]
    public void A_visit_reference_is_letters_digits_and_slash_dash_underscore_only(string reference)
    {
        var record = HomeVisit();
        record.HomeVisit = reference;

        Assert.Equal([("record.home_visit", null)], Problems(record));
    }

    [Fact]
    public void A_visit_reference_of_200_characters_is_accepted_and_one_more_is_refused_once()
    {
        var record = HomeVisit();
        record.HomeVisit = new string('V', 200);
        AcuteFactorValidation.Validate(record, "record");

        record.HomeVisit = new string('V', 201);

        Assert.Equal([("record.home_visit", null)], Problems(record));
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("nominals/123", "must be a nominal name")]
    [InlineData("assessments/0193a5f0-0000-7000-8000-000000000001", "must be a nominal name")]
    public void The_nominal_is_a_nominal_name(string nominal, string description)
    {
        var record = HomeVisit();
        record.Nominal = nominal;

        var problem = Assert.Single(Refused(record).Problems);

        Assert.Equal("record.nominal", problem.Field);
        Assert.StartsWith(description, problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var record = HomeVisit();
        record.Nominal = "";
        record.HomeVisit = "";
        record.Entries.RemoveAt(7);
        record.Entries[0].Present = true;

        Assert.Equal(
            ["record.entries", "record.entries[0].note", "record.home_visit", "record.nominal"],
            Refused(record).Problems.Select(p => p.Field).Order(StringComparer.Ordinal));
    }
}
