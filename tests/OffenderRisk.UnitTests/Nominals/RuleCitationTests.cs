using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Grpc;
using OffenderRisk.Platform.Errors;
using DomainCategory = OffenderRisk.Nominals.Domain.NominalCategory;
using DomainLeadAgency = OffenderRisk.Nominals.Domain.LeadAgency;
using DomainStatus = OffenderRisk.Nominals.Domain.ManagementStatus;
using AssessmentAction = OffenderRisk.Contracts.Nominals.V1.AssessmentAction;
using ChangeSignificance = OffenderRisk.Contracts.Nominals.V1.ChangeSignificance;
using IntelligenceSource = OffenderRisk.Contracts.Nominals.V1.IntelligenceSource;
using WorkItemKind = OffenderRisk.Contracts.Nominals.V1.WorkItemKind;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// Every refusal a rule causes cites it, whichever the code: each site (a validator problem with
/// its rule, INVALID_ARGUMENT, or a RuleViolationException, FAILED_PRECONDITION) is listed here
/// with the rule it must name. A site that stops citing its rule fails its row.
/// </summary>
public sealed class RuleCitationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly StaffMember Supervisor = new("SGT-1", "XA", IsSupervisor: true, IsMosovoOfficer: false);

    private static readonly Dictionary<string, Action> Sites = new()
    {
        ["R-ID4 intelligence without a source"] = () => IntelligenceValidation.Validate(
            new Intelligence { Text = "t", ObserveTime = Timestamp.FromDateTimeOffset(Now.AddHours(-1)) }, "intelligence", Now),
        ["R-ID4 other agency intelligence without the agency"] = () => IntelligenceValidation.Validate(
            new Intelligence { Source = IntelligenceSource.OtherAgency, Text = "t", ObserveTime = Timestamp.FromDateTimeOffset(Now.AddHours(-1)) }, "intelligence", Now),
        ["R-ID4 an intelligence work item raised by another service"] = () => IntelligenceValidation.ValidateServiceWorkItem(
            new CreateWorkItemRequest { Kind = WorkItemKind.Intelligence, SummaryCode = "CODE" }),
        ["R-ID2 intelligence without its text"] = () => IntelligenceValidation.Validate(
            new Intelligence { Source = IntelligenceSource.Pnc, ObserveTime = Timestamp.FromDateTimeOffset(Now.AddHours(-1)) }, "intelligence", Now),
        ["R-MG7 non-cooperation without its kind"] = () => IntelligenceValidation.Validate(
            new NonCooperation { Details = "d", OccurTime = Timestamp.FromDateTimeOffset(Now.AddHours(-1)) }, "non_cooperation", Now),
        ["R-RM6 an assessment without its significance"] = () => IntelligenceValidation.Validate(
            new IntelligenceAssessment { Rationale = "r", Actions = { AssessmentAction.PhoneCall } }, "assessment"),
        ["R-AU3 an assessment without its rationale"] = () => IntelligenceValidation.Validate(
            new IntelligenceAssessment { Significance = ChangeSignificance.NotSignificant, Actions = { AssessmentAction.NoAction } }, "assessment"),
        ["R-RM6 a significant change with no action"] = () => SignificantChange.CheckActions(
            OffenderRisk.Nominals.Domain.ChangeSignificance.Significant, [], "assessment.actions"),
        ["R-MG2 a PDP led by probation without authority"] = () => LeadAgencyRule.Check(DomainCategory.PotentiallyDangerousPerson, DomainLeadAgency.Probation, ""),
        ["R-MG1 MAPPA category 1 for a violent offender"] = () => MappaCategoryRule.Check(1, DomainCategory.ViolentOffender, "category"),
        ["R-ID1 managed without an officer"] = () => (ManagementStatusTests.Eligible(DomainStatus.Pending) with { Management = NominalManagement.None })
            .ChangeStatus(DomainStatus.Active, "r", Supervisor, Now),
        ["R-RM1 reactive from pending"] = () => ManagementStatusTests.Eligible(DomainStatus.Pending)
            .ChangeStatus(DomainStatus.Reactive, "r", Supervisor, Now),
        ["R-RM4 a user's move to reactive management"] = () => ManagementStatusTests.Eligible()
            .ChangeStatus(DomainStatus.Reactive, "r", Supervisor, Now),
        ["R-RM4 a placement approved by its proposer"] = () => ReactiveCriteriaTests.Proposed(ReactiveCriteriaTests.Eligible(), "sgt-1")
            .Approve(ReactiveCriteriaTests.Eligible(), [], Supervisor, Now),
        ["R-RM1 a proposal for a nominal not under active management"] = () => ReactiveCriteriaTests.Proposed(ManagementStatusTests.Eligible(DomainStatus.Pending)),
        ["R-RM4 a proposal without reasons"] = () => ReactiveDecisionValidation.Validate(new ReactiveDecision(), "decision", new DateOnly(2026, 11, 27)),
        ["R-RM3 a professional judgement citing no other assessment"] = () => ReactiveDecisionValidation.Validate(
            new ReactiveDecision { Reasons = { "r" }, ProfessionalJudgement = new OffenderRisk.Contracts.Nominals.V1.ProfessionalJudgement { Rationale = "r" } },
            "decision", new DateOnly(2026, 11, 27)),
        ["R-AU3 a reactive decision rejected without a reason"] = () =>
        {
            var v = new Validator();
            ReactiveDecisionValidation.ValidateRejection(v, " ");
            v.ThrowIfInvalid();
        },
        ["R-NT1 a date of birth after the conviction"] = () => GuardedFieldTests.Sentenced(ManagementStatusTests.Eligible(), new DateOnly(2000, 1, 1),
            OffenderRisk.Nominals.Domain.Disposal.CommunityOrder).CorrectDateOfBirth(new DateOnly(2000, 1, 2), "r", "SGT-1", Now),
        ["R-NT1 a registered sexual offender on notification recategorised"] = () => GuardedFieldTests.Sentenced(ManagementStatusTests.Eligible(), new DateOnly(2020, 1, 1),
            OffenderRisk.Nominals.Domain.Disposal.LifeOrIndeterminate).ChangeCategory(DomainCategory.ViolentOffender, "r", "", "SGT-1", Now),
        ["R-IC1 an enquiry without a ground"] = () => EnquiryGrounds.Require(EnquiryGround.Unspecified),
        ["R-IC1 an enquiry with a ground not on the list"] = () => EnquiryGrounds.Require((EnquiryGround)99),
    };

    public static TheoryData<string> SiteNames() => new(Sites.Keys);

    [Theory]
    [MemberData(nameof(SiteNames))]
    public void Each_rule_refusal_cites_its_rule(string site)
    {
        var expected = site[..site.IndexOf(' ', StringComparison.Ordinal)];

        var e = Assert.ThrowsAny<DomainException>(Sites[site]);

        var cited = e switch
        {
            RuleViolationException r => r.RuleId,
            ValidationFailedException v => v.RuleId,
            _ => null,
        };
        Assert.Equal(expected, cited);
    }
}
