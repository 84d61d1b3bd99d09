using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Grpc;
using OffenderRisk.Platform.Errors;
using Gender = OffenderRisk.Contracts.Nominals.V1.Gender;
using NominalCategory = OffenderRisk.Contracts.Nominals.V1.NominalCategory;

namespace OffenderRisk.UnitTests.Nominals;

public sealed class NominalValidationTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static Contracts.Nominals.V1.Nominal Valid() => new()
    {
        PrimaryName = new Contracts.Common.V1.PersonName { GivenNames = "Alpha", FamilyName = "TESTPERSON" },
        DateOfBirth = new CalendarDate { Year = 1980, Month = 2, Day = 29 },
        Category = NominalCategory.PotentiallyDangerousPerson,
        PncId = "99/1234567x",
    };

    private static List<string> Fields(Contracts.Nominals.V1.Nominal n) =>
        Assert.Throws<ValidationFailedException>(() => NominalValidation.Validate(n, "nominal", Today)).Problems.Select(p => p.Field).ToList();

    [Fact]
    public void A_complete_nominal_is_valid_and_normalised()
    {
        var details = NominalValidation.Validate(Valid(), "nominal", Today);
        Assert.Equal(new DateOnly(1980, 2, 29), details.DateOfBirth);
        Assert.Equal("99/1234567X", details.PncId);
    }

    [Fact]
    public void Missing_required_fields_are_each_named()
    {
        Assert.Equal(["nominal.primary_name", "nominal.date_of_birth", "nominal.category"], Fields(new Contracts.Nominals.V1.Nominal()));
    }

    [Theory]
    [InlineData(2023, 2, 29)]
    [InlineData(2020, 13, 1)]
    [InlineData(2020, 4, 31)]
    [InlineData(0, 1, 1)]
    public void Impossible_dates_are_refused(int year, int month, int day)
    {
        var n = Valid();
        n.DateOfBirth = new CalendarDate { Year = year, Month = month, Day = day };
        Assert.Equal(["nominal.date_of_birth"], Fields(n));
    }

    [Fact]
    public void Dates_of_birth_in_the_future_or_before_1900_are_refused()
    {
        var n = Valid();
        n.DateOfBirth = new CalendarDate { Year = 2026, Month = 11, Day = 28 };
        Assert.Equal(["nominal.date_of_birth"], Fields(n));
        n.DateOfBirth = new CalendarDate { Year = 1899, Month = 12, Day = 31 };
        Assert.Equal(["nominal.date_of_birth"], Fields(n));
    }

    [Fact]
    public void Unknown_enum_values_are_refused()
    {
        var n = Valid();
        n.Category = (NominalCategory)9;
        n.Gender = (Gender)9;
        Assert.Equal(["nominal.gender", "nominal.category"], Fields(n));
    }

    [Fact]
    public void Oversized_names_are_refused()
    {
        var n = Valid();
        n.PrimaryName.FamilyName = new string('Z', NominalValidation.MaxNameLength + 1);
        Assert.Equal(["nominal.primary_name.family_name"], Fields(n));
    }

    [Theory]
    [InlineData("1234567X")]
    [InlineData("99/12345678X")]
    [InlineData("99/1234567")]
    public void Malformed_pnc_ids_are_refused(string pncId)
    {
        var n = Valid();
        n.PncId = pncId;
        Assert.Equal(["nominal.pnc_id"], Fields(n));
    }

    [Fact]
    public void Only_masked_fields_are_validated_on_update()
    {
        var n = new Contracts.Nominals.V1.Nominal { VisorReference = "TEST/0009" };
        var details = NominalValidation.Validate(n, "nominal", Today, new HashSet<string> { "visor_reference" });
        Assert.Equal("TEST/0009", details.VisorReference);
    }
}
