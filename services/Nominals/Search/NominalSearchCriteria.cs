using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Nominals.Grpc;

namespace OffenderRisk.Nominals.Search;

/// <summary>One word of a searched name: found by itself, or by any of its sound codes.</summary>
public sealed record SearchWord(string Word, IReadOnlyList<string> PhoneticKeys);

/// <summary>
/// A validated search. Criteria combine with AND; a name matches when every searched word is a
/// word of the same one of the nominal's names (the primary name or one alias), exactly
/// (ignoring case, diacritics and punctuation) or by sound.
/// </summary>
public sealed partial record NominalSearchCriteria(
    IReadOnlyList<SearchWord> Words, DateOnly? DateOfBirth, string? PncId, string? VisorReference)
{
    public const int MaxNameLength = 200;
    public const int MaxWords = 6;

    public bool HasName => Words.Count > 0;

    /// <summary>
    /// Identifies the query (and the force) in page tokens, so a token cannot be replayed against
    /// another search. A hash: tokens must not carry the searched name, which is personal data.
    /// </summary>
    public string Fingerprint(string force)
    {
        var canonical = string.Join('\n',
            force,
            string.Join(' ', Words.Select(w => w.Word)),
            DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            PncId ?? "",
            VisorReference ?? "");
        return "search:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..32];
    }

    /// <summary>Validates a request, naming each malformed field; at least one criterion is required.</summary>
    public static NominalSearchCriteria From(SearchNominalsRequest request)
    {
        var v = new Validator();
        v.MaxLength("name", request.Name, MaxNameLength);
        var words = NameKeys.Words(request.Name).Distinct(StringComparer.Ordinal).ToList();
        v.Check(string.IsNullOrWhiteSpace(request.Name) || words.Count > 0, "name", "must contain a letter or digit");
        v.Check(words.Count <= MaxWords, "name", $"must have at most {MaxWords} words");

        var dateOfBirth = NominalValidation.ValidateDate(v, request.DateOfBirth, "date_of_birth", required: false);
        var pnc = request.PncId.Trim();
        v.Matches("pnc_id", pnc, PncIdPattern(), "a PNC id such as 99/1234567X");
        var visor = request.VisorReference.Trim();
        v.Matches("visor_reference", visor, VisorPattern(), "a ViSOR reference of 4-20 letters, digits, '/' or '-'");

        v.Check(words.Count > 0 || dateOfBirth is not null || pnc.Length > 0 || visor.Length > 0,
            "name", "give at least one of name, date_of_birth, pnc_id or visor_reference");
        v.ThrowIfInvalid();

        return new NominalSearchCriteria(
            words.Select(w => new SearchWord(w, NameKeys.PhoneticKeys(w))).ToList(),
            dateOfBirth,
            pnc.Length > 0 ? pnc.ToUpperInvariant() : null,
            visor.Length > 0 ? visor.ToUpperInvariant() : null);
    }

    // The formats NominalValidation enforces on stored nominals: a value that no nominal can have
    // is the caller's mistake, reported as such rather than as an empty result.
    [GeneratedRegex(@"^\d{2}/\d{1,7}[A-Za-z]$")]
    private static partial Regex PncIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9/\-]{4,20}$")]
    private static partial Regex VisorPattern();
}

/// <summary>Why a nominal matched a search, in result order: exact matches come first.</summary>
public enum NameMatch
{
    /// <summary>Every searched word is a word of the primary name.</summary>
    ExactName = 0,
    /// <summary>Every searched word is a word of one alias.</summary>
    Alias = 1,
    /// <summary>Every searched word is a word of one name, at least one only by sound.</summary>
    Phonetic = 2,
    /// <summary>No name was searched: date of birth or identifiers only.</summary>
    Identifier = 3,
}
