using OffenderRisk.Contracts.Interventions.V1;
using Domain = OffenderRisk.Interventions.Domain;
using OffenderRisk.Interventions.Grpc;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Interventions;

/// <summary>R-MG9: interventions come from the APP's lists and are typed by them.</summary>
public sealed class InterventionCatalogueTests
{
    [Fact]
    public void R_MG9_every_kind_in_the_contract_has_a_type()
    {
        var untyped = Enum.GetValues<Domain.InterventionKind>()
            .Where(k => k != Domain.InterventionKind.Unspecified && Domain.InterventionCatalogue.TypeOf(k) is null)
            .ToList();

        Assert.Empty(untyped);
    }

    [Theory]
    [InlineData(Domain.InterventionKind.HomeVisits, Domain.InterventionType.Both)]
    [InlineData(Domain.InterventionKind.ApprovedPremises, Domain.InterventionType.Restrictive)]
    [InlineData(Domain.InterventionKind.RestrictionOnResidence, Domain.InterventionType.Restrictive)]
    [InlineData(Domain.InterventionKind.SatelliteTracking, Domain.InterventionType.Restrictive)]
    [InlineData(Domain.InterventionKind.AccreditedProgramme, Domain.InterventionType.Constructive)]
    [InlineData(Domain.InterventionKind.SupportAndAccountabilityGroup, Domain.InterventionType.Constructive)]
    public void R_MG9_the_type_follows_the_APP_list_the_kind_is_on(Domain.InterventionKind kind, Domain.InterventionType expected)
    {
        Assert.Equal(expected, Domain.InterventionCatalogue.TypeOf(kind));
    }

    [Fact]
    public void R_MG9_an_unset_type_is_derived_from_the_kind()
    {
        var intervention = InterventionExamples.Curfew();
        intervention.Type = InterventionType.Unspecified;

        var details = InterventionValidation.Validate(intervention, "intervention");

        Assert.Equal(Domain.InterventionType.Restrictive, details.Type);
    }

    [Fact]
    public void R_MG9_a_type_that_agrees_with_the_kind_is_accepted()
    {
        var intervention = InterventionExamples.Curfew();
        intervention.Kind = InterventionKind.HomeVisits;
        intervention.Type = InterventionType.Both;

        Assert.Equal(Domain.InterventionType.Both, InterventionValidation.Validate(intervention, "intervention").Type);
    }

    [Fact]
    public void R_MG9_a_type_that_contradicts_the_kind_is_refused()
    {
        var intervention = InterventionExamples.Curfew();
        intervention.Kind = InterventionKind.AccreditedProgramme;
        intervention.Type = InterventionType.Restrictive;

        var e = Assert.Throws<RuleViolationException>(() => InterventionValidation.Validate(intervention, "intervention"));

        Assert.Equal("R-MG9", e.RuleId);
        Assert.Equal("intervention.type", e.Field);
    }

    [Fact]
    public void R_MG9_a_kind_not_on_the_APP_lists_is_invalid()
    {
        var intervention = InterventionExamples.Curfew();
        intervention.Kind = (InterventionKind)999;

        var e = Assert.Throws<ValidationFailedException>(() => InterventionValidation.Validate(intervention, "intervention"));

        Assert.Equal(["intervention.kind"], e.Problems.Select(p => p.Field));
    }

    [Fact]
    public void R_MG9_the_kind_is_required()
    {
        var intervention = InterventionExamples.Curfew();
        intervention.Kind = InterventionKind.Unspecified;

        var e = Assert.Throws<ValidationFailedException>(() => InterventionValidation.Validate(intervention, "intervention"));

        Assert.Equal(["intervention.kind"], e.Problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nominals/42")]
    [InlineData("interventions/0193a5f0-0000-7000-8000-000000000002")]
    public void The_nominal_must_be_a_nominal_resource_name(string nominal)
    {
        var intervention = InterventionExamples.Curfew();
        intervention.Nominal = nominal;

        var e = Assert.Throws<ValidationFailedException>(() => InterventionValidation.Validate(intervention, "intervention"));

        Assert.Equal(["intervention.nominal"], e.Problems.Select(p => p.Field));
    }
}
