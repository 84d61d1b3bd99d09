using System.Globalization;
using System.Text;

namespace OffenderRisk.Nominals.Search;

/// <summary>What a search key is: a whole word, a word's sound, or the full primary name.</summary>
public enum NameKeyKind
{
    /// <summary>A normalised word of a name ("ZOE", "OBRIEN", "SMITHJONES").</summary>
    Word,
    /// <summary>A Double Metaphone code of a word ("SM0", "XMT").</summary>
    Phonetic,
    /// <summary>The normalised full primary name, for duplicate detection ("ZOE OBRIEN").</summary>
    FullName,
}

/// <summary>One search key of one of a nominal's names: index 0 is the primary name, 1.. the aliases in order.</summary>
public sealed record NameKey(int NameIndex, NameKeyKind Kind, string Value);

/// <summary>
/// How names are compared. Records arrive typed by different people from different sources, so
/// a name is compared ignoring case, diacritics and punctuation (Zoë = ZOE, Ó = O, O'Brien =
/// OBRIEN), word by word, and by sound (Smith = Smyth, Jonathon = Jonathan, Thompson = Tomson).
/// </summary>
public static class NameKeys
{
    /// <summary>Letters that Unicode does not decompose into a base letter and a mark.</summary>
    private static readonly Dictionary<char, string> Unfoldable = new()
    {
        ['ß'] = "SS", ['ẞ'] = "SS", ['Æ'] = "AE", ['æ'] = "AE", ['Œ'] = "OE", ['œ'] = "OE", ['Ø'] = "O", ['ø'] = "O",
        ['Ł'] = "L", ['ł'] = "L", ['Đ'] = "D", ['đ'] = "D", ['Ð'] = "D", ['ð'] = "D", ['Þ'] = "TH", ['þ'] = "TH",
        ['ı'] = "I", ['Ħ'] = "H", ['ħ'] = "H",
    };

    /// <summary>Apostrophes join the letters around them (O'Brien, D’Arcy); other punctuation separates words.</summary>
    private const string Apostrophes = "'\u2019\u2018`\u00B4\u02BC\u02B9";

    /// <summary>
    /// The words of <paramref name="text"/>: accents removed (Unicode FormD without non-spacing
    /// marks), folded to upper case, apostrophes dropped, split on whitespace, hyphens and any
    /// other punctuation. "Zoë Smith-O'Neil" gives ZOE, SMITH, ONEIL.
    /// </summary>
    public static IReadOnlyList<string> Words(string? text) => Chunks(text).SelectMany(c => c).ToList();

    /// <summary>The words joined by single spaces: "  zoë  o'brien " gives "ZOE OBRIEN".</summary>
    public static string Normalise(string? text) => string.Join(' ', Words(text));

    /// <summary>The normalised full name, given names first: the duplicate check compares these.</summary>
    public static string FullName(PersonName name) => Normalise(name.GivenNames + " " + name.FamilyName);

    /// <summary>
    /// The words a stored name is found by: its words, plus each hyphenated or dotted compound
    /// written as one word, so "Smith-Jones" is found by "Jones", "Smith Jones" and "SmithJones".
    /// </summary>
    public static IReadOnlyList<string> IndexedWords(PersonName name)
    {
        var words = new List<string>();
        foreach (var chunk in Chunks(name.GivenNames + " " + name.FamilyName))
        {
            words.AddRange(chunk);
            if (chunk.Count > 1)
            {
                words.Add(string.Concat(chunk));
            }
        }
        return words.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The sound codes of one normalised word: its Double Metaphone primary and alternate codes.
    /// English speech drops the P between M and S or T (Thompson, Simpson, Sampson), and people
    /// write it or not, so a word with -MPS- or -MPT- also gets the codes of its P-less spelling:
    /// Thompson and Tomson then share TMSN. Empty for a word with no codable letter (digits).
    /// </summary>
    public static IReadOnlyList<string> PhoneticKeys(string word)
    {
        var keys = new List<string>(4);
        AddCodes(keys, word);
        if (word.Contains("MPS", StringComparison.Ordinal) || word.Contains("MPT", StringComparison.Ordinal))
        {
            AddCodes(keys, word.Replace("MPS", "MS", StringComparison.Ordinal).Replace("MPT", "MT", StringComparison.Ordinal));
        }
        return keys;

        static void AddCodes(List<string> keys, string word)
        {
            var (primary, alternate) = DoubleMetaphone.Encode(word);
            foreach (var code in new[] { primary, alternate.Replace(" ", "", StringComparison.Ordinal) })
            {
                if (code.Length > 0 && !keys.Contains(code))
                {
                    keys.Add(code);
                }
            }
        }
    }

    /// <summary>Every search key of a nominal: words and sound codes of each name, and the full primary name.</summary>
    public static IReadOnlyList<NameKey> For(NominalDetails details)
    {
        var keys = new HashSet<NameKey>();
        var names = new[] { details.PrimaryName }.Concat(details.Aliases).ToList();
        for (var index = 0; index < names.Count; index++)
        {
            foreach (var word in IndexedWords(names[index]))
            {
                keys.Add(new NameKey(index, NameKeyKind.Word, word));
                foreach (var code in PhoneticKeys(word))
                {
                    keys.Add(new NameKey(index, NameKeyKind.Phonetic, code));
                }
            }
        }
        var full = FullName(details.PrimaryName);
        if (full.Length > 0)
        {
            keys.Add(new NameKey(0, NameKeyKind.FullName, full));
        }
        return keys.ToList();
    }

    /// <summary>Whitespace-separated chunks, each split into its words on punctuation.</summary>
    private static IEnumerable<IReadOnlyList<string>> Chunks(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            yield break;
        }
        var folded = Fold(text);
        foreach (var chunk in folded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var words = new List<string>();
            var word = new StringBuilder();
            foreach (var c in chunk)
            {
                if (char.IsLetterOrDigit(c))
                {
                    word.Append(c);
                }
                else if (!Apostrophes.Contains(c, StringComparison.Ordinal) && word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
            if (word.Length > 0)
            {
                words.Add(word.ToString());
            }
            if (words.Count > 0)
            {
                yield return words;
            }
        }
    }

    /// <summary>FormD, non-spacing marks removed, unfoldable letters spelt out, upper case (invariant).</summary>
    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (Unfoldable.TryGetValue(c, out var spelt))
            {
                folded.Append(spelt);
            }
            else
            {
                folded.Append(char.ToUpperInvariant(c));
            }
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
