using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Grpc;
using OffenderRisk.Nominals.Search;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>Validation and normalisation of SearchNominals requests.</summary>
public sealed class SearchCriteriaTests
{
    private static List<string> Fields(SearchNominalsRequest request) =>
        Assert.Throws<ValidationFailedException>(() => NominalSearchRequestValidation.Validate(request)).Problems.Select(p => p.Field).ToList();

    [Fact]
    public void A_search_without_any_criterion_is_refused()
    {
        Assert.Equal(["name"], Fields(new SearchNominalsRequest()));
        Assert.Equal(["name"], Fields(new SearchNominalsRequest { Name = "   " }));
    }

    [Fact]
    public void Malformed_values_are_each_named()
    {
        var request = new SearchNominalsRequest
        {
            Name = "'-.",
            DateOfBirth = new CalendarDate { Year = 2023, Month = 2, Day = 29 },
            PncId = "not a pnc",
            VisorReference = "!",
        };
        Assert.Equal(["name", "date_of_birth", "pnc_id", "visor_reference"], Fields(request).Distinct());
    }

    [Fact]
    public void A_name_of_too_many_words_is_refused()
    {
        Assert.Equal(["name"], Fields(new SearchNominalsRequest { Name = "a b c d e f g" }));
    }

    [Fact]
    public void Values_are_normalised()
    {
        var criteria = NominalSearchRequestValidation.Validate(new SearchNominalsRequest
        {
            Name = " zoë  Smyth zoe ",
            PncId = " 99/1234567x ",
            VisorReference = "ab/123",
            DateOfBirth = new CalendarDate { Year = 1980, Month = 2, Day = 29 },
        });
        Assert.Equal(["ZOE", "SMYTH"], criteria.Words.Select(w => w.Word));
        Assert.Contains("SM0", criteria.Words[1].PhoneticKeys);
        Assert.Equal("99/1234567X", criteria.PncId);
        Assert.Equal("AB/123", criteria.VisorReference);
        Assert.Equal(new DateOnly(1980, 2, 29), criteria.DateOfBirth);
    }

    [Fact]
    public void The_fingerprint_differs_by_query_and_force_and_does_not_carry_the_name()
    {
        var smith = NominalSearchRequestValidation.Validate(new SearchNominalsRequest { Name = "Smith" });
        var smyth = NominalSearchRequestValidation.Validate(new SearchNominalsRequest { Name = "Smyth" });

        Assert.Equal(smith.Fingerprint("XA"), NominalSearchRequestValidation.Validate(new SearchNominalsRequest { Name = "SMITH" }).Fingerprint("XA"));
        Assert.NotEqual(smith.Fingerprint("XA"), smyth.Fingerprint("XA"));
        Assert.NotEqual(smith.Fingerprint("XA"), smith.Fingerprint("XB"));
        Assert.DoesNotContain("SMITH", smith.Fingerprint("XA"), StringComparison.OrdinalIgnoreCase);
    }
}
