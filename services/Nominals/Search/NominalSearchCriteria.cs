using System.Security.Cryptography;
using System.Text;

namespace OffenderRisk.Nominals.Search;

/// <summary>One word of a searched name: found by itself, or by any of its sound codes.</summary>
public sealed record SearchWord(string Word, IReadOnlyList<string> PhoneticKeys);

/// <summary>
/// A validated search. Criteria combine with AND; a name matches when every searched word is a
/// word of the same one of the nominal's names (the primary name or one alias), exactly
/// (ignoring case, diacritics and punctuation) or by sound.
/// </summary>
public sealed record NominalSearchCriteria(
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
            (DateOfBirth is { } date ? StoredTime.FormatDate(date) : ""),
            PncId ?? "",
            VisorReference ?? "");
        return "search:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..32];
    }
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
