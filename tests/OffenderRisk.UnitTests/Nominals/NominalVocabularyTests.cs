using OffenderRisk.Nominals.Storage;
using OffenderRisk.UnitTests.Foundation;
using Contract = OffenderRisk.Contracts.Nominals.V1;
using Domain = OffenderRisk.Nominals.Domain;
using Victims = OffenderRisk.Nominals.Victims;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// The nominals' domain owns its vocabulary; storage keeps the numbers and the edges cast.
/// Each pair must stay in step: the same names with the same numbers, nothing missing on either side
/// (the one comparison, <see cref="DomainVocabularyTests"/>, applied to this service's pairs).
/// </summary>
public sealed class NominalVocabularyTests
{
    public static TheoryData<Type, Type> Pairs() => new()
    {
        { typeof(Domain.ManagementStatus), typeof(Contract.ManagementStatus) },
        { typeof(Domain.NominalCategory), typeof(Contract.NominalCategory) },
        { typeof(Domain.LeadAgency), typeof(Contract.LeadAgency) },
        { typeof(Domain.Disposal), typeof(Contract.Disposal) },
        { typeof(Domain.CivilOrderType), typeof(Contract.CivilOrderType) },
        { typeof(Domain.RiskToChildrenConclusion), typeof(Contract.RiskToChildrenConclusion) },
        { typeof(Domain.Gender), typeof(Contract.Gender) },
        { typeof(Domain.AssessmentKind), typeof(OffenderRisk.Contracts.Assessments.V1.AssessmentKind) },
        { typeof(Domain.RiskLevel), typeof(OffenderRisk.Contracts.Common.V1.RiskLevel) },
        { typeof(Domain.NominalEventType), typeof(Contract.NominalEventType) },
        { typeof(Domain.TransferState), typeof(Contract.TransferState) },
        { typeof(Domain.IntelligenceSource), typeof(Contract.IntelligenceSource) },
        { typeof(Domain.ChangeSignificance), typeof(Contract.ChangeSignificance) },
        { typeof(Domain.AssessmentAction), typeof(Contract.AssessmentAction) },
        { typeof(Domain.IntelligenceRouting), typeof(Contract.IntelligenceRouting) },
        { typeof(Domain.NonCooperationKind), typeof(Contract.NonCooperationKind) },
        { typeof(Domain.WorkItemKind), typeof(Contract.WorkItemKind) },
        { typeof(Domain.WorkItemState), typeof(Contract.WorkItemState) },
        { typeof(Domain.PlanKind), typeof(OffenderRisk.Contracts.Interventions.V1.PlanKind) },
        { typeof(Domain.WorkQueue), typeof(Contract.WorkQueue) },
        { typeof(Domain.HomeVisitState), typeof(Contract.HomeVisitState) },
        { typeof(Domain.StatusChangeTrigger), typeof(Contract.StatusChangeTrigger) },
        { typeof(Domain.ReactiveCriterion), typeof(Contract.ReactiveCriterion) },
        { typeof(Domain.ReactiveDecisionState), typeof(Contract.ReactiveDecisionState) },
        { typeof(Domain.ConsideredAssessmentKind), typeof(Contract.ConsideredAssessmentKind) },
        { typeof(Domain.QualifyingEventKind), typeof(Contract.QualifyingEventKind) },
        { typeof(Domain.OffenceClass), typeof(Contract.OffenceClass) },
        { typeof(Domain.NotificationKind), typeof(Contract.NotificationKind) },
        { typeof(Domain.ReviewDecision), typeof(Contract.ReviewDecision) },
        { typeof(Domain.ObligationKind), typeof(Contract.ObligationKind) },
        { typeof(Domain.ObligationState), typeof(Contract.ObligationState) },
        { typeof(Victims.VictimContactWishes), typeof(Contract.VictimContactWishes) },
        { typeof(Victims.VictimContactChannel), typeof(Contract.VictimContactChannel) },
        { typeof(Victims.VictimContactActionKind), typeof(Contract.VictimContactActionKind) },
        { typeof(Victims.VictimNotificationRoute), typeof(Contract.VictimNotificationRoute) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_domain_enum_and_its_contract_enum_have_the_same_names_and_numbers(Type domain, Type contract) =>
        new DomainVocabularyTests().A_domain_enum_and_its_contract_enum_have_the_same_names_and_numbers(domain, contract);

    [Fact]
    public void The_feed_writes_domain_codes_under_the_contracts_original_names()
    {
        var e = new Domain.NominalFeedEvent(Domain.NominalEventType.LeadAgencyChanged, null,
            new Dictionary<string, string> { ["civil_order"] = "nominals/N-1/civilOrders/C-1" },
            new Dictionary<string, Enum>
            {
                ["lead_agency"] = Domain.LeadAgency.Probation,
                ["civil_order_type"] = Domain.CivilOrderType.Unspecified,
                ["kind"] = Domain.NonCooperationKind.Unspecified,
            });

        var attributes = ChangeFeed.AttributesOf(e);

        Assert.Equal("LEAD_AGENCY_PROBATION", attributes["lead_agency"]);
        Assert.Equal("CIVIL_ORDER_TYPE_UNSPECIFIED", attributes["civil_order_type"]);
        Assert.Equal("NON_COOPERATION_KIND_UNSPECIFIED", attributes["kind"]);
        Assert.Equal("nominals/N-1/civilOrders/C-1", attributes["civil_order"]);
    }
}
