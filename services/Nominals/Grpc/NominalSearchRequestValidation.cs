using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Nominals.Search;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// Mapping at the edge: validates a generated search request, naming each malformed field, and
/// builds the domain's <see cref="NominalSearchCriteria"/>.
/// </summary>
public static class NominalSearchRequestValidation
{
    /// <summary>Validates a request, naming each malformed field; at least one criterion is required.</summary>
    public static NominalSearchCriteria Validate(SearchNominalsRequest request)
    {
        var v = new Validator();
        v.MaxLength("name", request.Name, NominalSearchCriteria.MaxNameLength);
        var words = NameKeys.Words(request.Name).Distinct(StringComparer.Ordinal).ToList();
        v.Check(string.IsNullOrWhiteSpace(request.Name) || words.Count > 0, "name", "must contain a letter or digit");
        v.Check(words.Count <= NominalSearchCriteria.MaxWords, "name", $"must have at most {NominalSearchCriteria.MaxWords} words");

        var dateOfBirth = NominalValidation.ValidateDate(v, request.DateOfBirth, "date_of_birth", required: false);
        var pnc = request.PncId.Trim();
        v.Matches("pnc_id", pnc, IdentifierFormats.PncId(), "a PNC id such as 99/1234567X");
        var visor = request.VisorReference.Trim();
        v.Matches("visor_reference", visor, IdentifierFormats.VisorReference(), "a ViSOR reference of 4-20 letters, digits, '/' or '-'");

        v.Check(words.Count > 0 || dateOfBirth is not null || pnc.Length > 0 || visor.Length > 0,
            "name", "give at least one of name, date_of_birth, pnc_id or visor_reference");
        v.ThrowIfInvalid();

        return new NominalSearchCriteria(
            words.Select(w => new SearchWord(w, NameKeys.PhoneticKeys(w))).ToList(),
            dateOfBirth,
            pnc.Length > 0 ? pnc.ToUpperInvariant() : null,
            visor.Length > 0 ? visor.ToUpperInvariant() : null);
    }
}
