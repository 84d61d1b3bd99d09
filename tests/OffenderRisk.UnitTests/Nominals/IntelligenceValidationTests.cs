using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Grpc;
using OffenderRisk.Platform.Errors;
using WorkItemKind = OffenderRisk.Contracts.Nominals.V1.WorkItemKind;
using ChangeSignificance = OffenderRisk.Contracts.Nominals.V1.ChangeSignificance;
using AssessmentAction = OffenderRisk.Contracts.Nominals.V1.AssessmentAction;
using IntelligenceSource = OffenderRisk.Contracts.Nominals.V1.IntelligenceSource;

namespace OffenderRisk.UnitTests.Nominals;

public sealed class IntelligenceValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static Intelligence Valid() => new()
    {
        Source = IntelligenceSource.HomeVisit,
        Text = "Fictional test note: new vehicle seen at the address.",
        ObserveTime = Timestamp.FromDateTimeOffset(Now.AddHours(-2)),
        Location = "Test Street, Testtown",
        RiskOfSeriousHarm = true,
    };

    private static List<string> Fields(Intelligence i) =>
        Assert.Throws<ValidationFailedException>(() => IntelligenceValidation.Validate(i, "intelligence", Now)).Problems.Select(p => p.Field).ToList();

    [Fact]
    public void Complete_intelligence_is_valid()
    {
        var details = IntelligenceValidation.Validate(Valid(), "intelligence", Now);

        Assert.Equal(OffenderRisk.Nominals.Domain.IntelligenceSource.HomeVisit, details.Source);
        Assert.Equal(Now.AddHours(-2), details.ObserveTime);
        Assert.True(details.RiskOfSeriousHarm);
    }

    [Fact]
    public void R_ID4_the_source_is_required_and_must_be_from_the_list()
    {
        var unspecified = Valid();
        unspecified.Source = IntelligenceSource.Unspecified;
        var unknown = Valid();
        unknown.Source = (IntelligenceSource)99;

        Assert.Equal(["intelligence.source"], Fields(unspecified));
        Assert.Equal(["intelligence.source"], Fields(unknown));
    }

    [Fact]
    public void R_ID4_other_agency_says_which_agency_and_only_then()
    {
        var missing = Valid();
        missing.Source = IntelligenceSource.OtherAgency;
        var misplaced = Valid();
        misplaced.OtherAgency = "housing";
        var named = Valid();
        named.Source = IntelligenceSource.OtherAgency;
        named.OtherAgency = " mental health ";

        Assert.Equal(["intelligence.other_agency"], Fields(missing));
        Assert.Equal(["intelligence.other_agency"], Fields(misplaced));
        Assert.Equal("mental health", IntelligenceValidation.Validate(named, "intelligence", Now).OtherAgency);
    }

    [Fact]
    public void Text_and_time_are_required_and_limits_apply()
    {
        Assert.Equal(["intelligence.source", "intelligence.text", "intelligence.observe_time"], Fields(new Intelligence()));

        var tooLong = Valid();
        tooLong.Text = new string('x', 4001);
        tooLong.Location = new string('y', 201);
        Assert.Equal(["intelligence.text", "intelligence.location"], Fields(tooLong));
    }

    [Fact]
    public void The_time_must_not_be_in_the_future_beyond_clock_drift()
    {
        var future = Valid();
        future.ObserveTime = Timestamp.FromDateTimeOffset(Now.AddHours(1));
        var drift = Valid();
        drift.ObserveTime = Timestamp.FromDateTimeOffset(Now.AddSeconds(30));

        Assert.Equal(["intelligence.observe_time"], Fields(future));
        IntelligenceValidation.Validate(drift, "intelligence", Now);
    }

    [Fact]
    public void A_missing_intelligence_message_is_named()
    {
        Assert.Equal(["intelligence"], Fields(null!));
    }

    [Fact]
    public void R_MG7_non_cooperation_needs_kind_details_and_time()
    {
        var e = Assert.Throws<ValidationFailedException>(() => IntelligenceValidation.Validate(new NonCooperation(), "non_cooperation", Now));

        Assert.Equal(["non_cooperation.kind", "non_cooperation.details", "non_cooperation.occur_time"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void R_AU3_an_assessment_needs_its_rationale_and_known_unrepeated_actions()
    {
        var a = new IntelligenceAssessment
        {
            Significance = ChangeSignificance.Significant,
            Actions = { AssessmentAction.PhoneCall, AssessmentAction.PhoneCall, (AssessmentAction)42 },
        };

        var e = Assert.Throws<ValidationFailedException>(() => IntelligenceValidation.Validate(a, "assessment"));

        Assert.Equal(["assessment.actions[2]", "assessment.actions", "assessment.rationale"], e.Problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData(WorkItemKind.IdentityDiscrepancy, "PNC_DATE_OF_BIRTH_MISMATCH", true)]
    [InlineData(WorkItemKind.Intelligence, "SOME_CODE", false)]
    [InlineData(WorkItemKind.Unspecified, "SOME_CODE", false)]
    [InlineData(WorkItemKind.IdentityDiscrepancy, "lower case words", false)]
    [InlineData(WorkItemKind.IdentityDiscrepancy, "", false)]
    public void Service_work_items_carry_a_kind_and_a_code_never_free_text(WorkItemKind kind, string code, bool valid)
    {
        var request = new CreateWorkItemRequest { Kind = kind, SummaryCode = code };
        if (valid)
        {
            IntelligenceValidation.ValidateServiceWorkItem(request);
        }
        else
        {
            Assert.Throws<ValidationFailedException>(() => IntelligenceValidation.ValidateServiceWorkItem(request));
        }
    }
}
