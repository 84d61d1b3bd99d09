using Domain = OffenderRisk.Assessments.Domain;
using Contract = OffenderRisk.Contracts.Assessments.V1;
using InterventionContract = OffenderRisk.Contracts.Interventions.V1;
using InterventionDomain = OffenderRisk.Interventions.Domain;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>
/// The domain owns its vocabulary; the mapping to and from the contracts casts by number. These
/// pairs must stay in step: the same names with the same numbers, nothing missing on either side.
/// </summary>
public sealed class DomainVocabularyTests
{
    public static TheoryData<Type, Type> Pairs() => new()
    {
        { typeof(Domain.AssessmentKind), typeof(Contract.AssessmentKind) },
        { typeof(Domain.RiskLevel), typeof(OffenderRisk.Contracts.Common.V1.RiskLevel) },
        { typeof(Domain.AffectedGroup), typeof(Contract.AffectedGroup) },
        { typeof(Domain.StaticRiskFactor), typeof(Contract.StaticRiskFactor) },
        { typeof(Domain.DynamicRiskFactor), typeof(Contract.DynamicRiskFactor) },
        { typeof(Domain.AssessmentState), typeof(Contract.AssessmentState) },
        { typeof(Domain.RiskToChildrenConclusion), typeof(Contract.RiskToChildrenConclusion) },
        { typeof(Domain.RecipientAgency), typeof(Contract.RecipientAgency) },
        { typeof(Domain.Tools.Gender), typeof(OffenderRisk.Contracts.Nominals.V1.Gender) },
        { typeof(Domain.Tools.Gender), typeof(Contract.Gender) },
        { typeof(Domain.Tools.StrangerVictim), typeof(Contract.StrangerVictim) },
        { typeof(Domain.AcuteFactor), typeof(Contract.AcuteFactor) },
        { typeof(Domain.AcuteFactorOccasion), typeof(Contract.AcuteFactorOccasion) },
        { typeof(InterventionDomain.InterventionKind), typeof(InterventionContract.InterventionKind) },
        { typeof(InterventionDomain.InterventionType), typeof(InterventionContract.InterventionType) },
        { typeof(InterventionDomain.EchrArticle), typeof(InterventionContract.EchrArticle) },
        { typeof(InterventionDomain.PlanKind), typeof(InterventionContract.PlanKind) },
        { typeof(InterventionDomain.PlanState), typeof(InterventionContract.PlanState) },
        { typeof(InterventionDomain.ActionHeading), typeof(InterventionContract.ActionHeading) },
        { typeof(InterventionDomain.InterventionStatus), typeof(InterventionContract.InterventionStatus) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_domain_enum_and_its_contract_enum_have_the_same_names_and_numbers(Type domain, Type contract)
    {
        Assert.Equal(Members(contract), Members(domain));
    }

    private static List<(string Name, int Number)> Members(Type e) =>
        Enum.GetValues(e).Cast<object>().Select(v => (Enum.GetName(e, v)!, Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(m => m.Item2).ToList();
}
