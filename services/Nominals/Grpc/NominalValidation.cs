using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// Turns a nominal as sent by a caller into validated details, naming every bad field by its
/// path in the request (for example <c>nominal.date_of_birth</c>). Nothing is written on failure.
/// </summary>
public static partial class NominalValidation
{
    public const int MaxNameLength = 100;
    public const int MaxAliases = 50;
    public const int MaxAddresses = 50;

    public static readonly DateOnly EarliestDateOfBirth = new(1900, 1, 1);

    /// <summary>Validates the fields named in <paramref name="fields"/> (all when null).</summary>
    public static NominalDetails Validate(Contracts.Nominals.V1.Nominal nominal, string prefix, DateOnly today, ISet<string>? fields = null)
    {
        var v = new Validator();
        bool Wanted(string field) => fields is null || fields.Contains(field);

        if (Wanted("primary_name"))
        {
            ValidateName(v, nominal.PrimaryName, $"{prefix}.primary_name", required: true);
        }
        if (Wanted("aliases"))
        {
            v.Check(nominal.Aliases.Count <= MaxAliases, $"{prefix}.aliases", $"must have at most {MaxAliases} entries");
            for (var i = 0; i < nominal.Aliases.Count; i++)
            {
                ValidateName(v, nominal.Aliases[i], $"{prefix}.aliases[{i}]", required: true);
            }
        }
        var dateOfBirth = DateOnly.MinValue;
        if (Wanted("date_of_birth"))
        {
            dateOfBirth = ValidateDateOfBirth(v, nominal.DateOfBirth, $"{prefix}.date_of_birth", today) ?? DateOnly.MinValue;
        }
        if (Wanted("gender"))
        {
            v.DefinedEnum($"{prefix}.gender", nominal.Gender, required: false);
        }
        if (Wanted("pnc_id"))
        {
            v.Matches($"{prefix}.pnc_id", nominal.PncId, IdentifierFormats.PncId(), "a PNC id such as 99/1234567X");
        }
        if (Wanted("visor_reference"))
        {
            v.Matches($"{prefix}.visor_reference", nominal.VisorReference, IdentifierFormats.VisorReference(), "a ViSOR reference of 4-20 letters, digits, '/' or '-'");
        }
        if (Wanted("category"))
        {
            v.DefinedEnum($"{prefix}.category", nominal.Category);
        }
        var addresses = new List<AddressRecord>();
        if (Wanted("addresses"))
        {
            v.Check(nominal.Addresses.Count <= MaxAddresses, $"{prefix}.addresses", $"must have at most {MaxAddresses} entries");
            for (var i = 0; i < nominal.Addresses.Count; i++)
            {
                addresses.Add(ValidateAddress(v, nominal.Addresses[i], $"{prefix}.addresses[{i}]", today));
            }
        }
        v.ThrowIfInvalid();

        return new NominalDetails(
            ToName(nominal.PrimaryName),
            nominal.Aliases.Select(ToName).ToArray(),
            dateOfBirth,
            (Gender)nominal.Gender,
            nominal.PncId.ToUpperInvariant(),
            nominal.VisorReference.ToUpperInvariant(),
            (NominalCategory)nominal.Category,
            addresses);
    }

    private static AddressRecord ValidateAddress(Validator v, Address address, string field, DateOnly today)
    {
        v.Check(address.Lines.Count is > 0 and <= 5, $"{field}.lines", "must have 1 to 5 lines");
        for (var i = 0; i < address.Lines.Count; i++)
        {
            v.MaxLength($"{field}.lines[{i}]", address.Lines[i], MaxNameLength);
        }
        v.Matches($"{field}.postcode", address.Postcode, IdentifierFormats.Postcode(), "a postcode of 2-10 letters, digits and spaces");
        var from = ValidateDate(v, address.FromDate, $"{field}.from_date", required: false);
        var to = ValidateDate(v, address.ToDate, $"{field}.to_date", required: false);
        v.Check(from is null || from <= today, $"{field}.from_date", "must not be in the future");
        v.Check(from is null || to is null || to >= from, $"{field}.to_date", "must not be before from_date");
        return new AddressRecord(address.Lines.Select(l => l.Trim()).ToArray(), address.Postcode.Trim().ToUpperInvariant(), from, to);
    }

    /// <summary>A date of birth: required, a real date, not in the future and not before 1900; null (with a problem recorded) otherwise.</summary>
    public static DateOnly? ValidateDateOfBirth(Validator v, CalendarDate? date, string field, DateOnly today)
    {
        var dateOfBirth = ValidateDate(v, date, field, required: true);
        if (dateOfBirth is { } d)
        {
            v.Check(d <= today, field, "must not be in the future");
            v.Check(d >= EarliestDateOfBirth, field, "must not be before 1900-01-01");
        }
        return dateOfBirth;
    }

    /// <summary>A calendar date, or null (with a problem recorded) when absent or impossible.</summary>
    public static DateOnly? ValidateDate(Validator v, CalendarDate? date, string field, bool required)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
        {
            if (required)
            {
                v.Add(field, "is required");
            }
            return null;
        }
        if (date.Year is < 1 or > 9999 || date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
        {
            v.Add(field, "is not a real calendar date");
            return null;
        }
        return new DateOnly(date.Year, date.Month, date.Day);
    }

    private static void ValidateName(Validator v, Contracts.Common.V1.PersonName? name, string field, bool required)
    {
        if (name is null)
        {
            if (required)
            {
                v.Add(field, "is required");
            }
            return;
        }
        v.Required($"{field}.family_name", name.FamilyName)
         .MaxLength($"{field}.family_name", name.FamilyName, MaxNameLength)
         .MaxLength($"{field}.given_names", name.GivenNames, MaxNameLength);
    }

    private static Domain.PersonName ToName(Contracts.Common.V1.PersonName? name) =>
        new((name?.GivenNames ?? "").Trim(), (name?.FamilyName ?? "").Trim());



}
