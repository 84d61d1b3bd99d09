using OffenderRisk.UnitTests.Foundation;
using Contract = OffenderRisk.Contracts.Identity.V1;
using Domain = OffenderRisk.IdentityChecks.Domain;
using NominalsContract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.UnitTests.IdentityChecks;

/// <summary>
/// The identity checks' domain owns its vocabulary; storage keeps the numbers and the edges cast.
/// Each pair must stay in step: the same names with the same numbers, nothing missing on either side
/// (the one comparison, <see cref="DomainVocabularyTests"/>, applied to this service's pairs).
/// </summary>
public sealed class IdentityVocabularyTests
{
    public static TheoryData<Type, Type> Pairs() => new()
    {
        { typeof(Domain.Agency), typeof(Contract.Agency) },
        { typeof(Domain.EnquiryGround), typeof(Contract.EnquiryGround) },
        { typeof(Domain.MarkerRequestState), typeof(Contract.MarkerRequestState) },
        { typeof(Domain.DiscrepancyKind), typeof(Contract.DiscrepancyKind) },
        { typeof(Domain.NotificationState), typeof(Contract.NotificationState) },
        { typeof(Domain.ScheduledCheckKind), typeof(Contract.ScheduledCheckKind) },
        { typeof(Domain.CheckSetState), typeof(Contract.CheckSetState) },
        { typeof(Domain.ScheduledCheckState), typeof(Contract.ScheduledCheckState) },
        { typeof(Domain.ManagementStatus), typeof(NominalsContract.ManagementStatus) },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_domain_enum_and_its_contract_enum_have_the_same_names_and_numbers(Type domain, Type contract) =>
        new DomainVocabularyTests().A_domain_enum_and_its_contract_enum_have_the_same_names_and_numbers(domain, contract);
}
