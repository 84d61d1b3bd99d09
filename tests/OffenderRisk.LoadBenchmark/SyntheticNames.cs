namespace OffenderRisk.LoadBenchmark;

/// <summary>
/// Obviously fictional names built from syllables: given names from one list, family names from
/// another, picked so that a few family names are shared by many nominals and most by few (a
/// skewed spread, as real surnames are). The same index always gives the same name.
/// </summary>
internal static class SyntheticNames
{
    private static readonly string[] GivenSyllables =
        ["ba", "de", "fi", "go", "ka", "le", "mi", "no", "pa", "re", "si", "ta", "vo", "za", "bre", "dri", "fla", "gru", "kle", "pro"];

    private static readonly string[] FamilySyllables =
    [
        "ald", "bor", "cren", "dov", "erm", "fal", "gorn", "hask", "ilt", "jemm", "korv", "lund", "mord", "nask", "ovel", "pell",
        "quorn", "rask", "sorl", "tav", "umb", "vell", "wort", "yarn", "zell", "brak", "cal", "drem", "fenn", "grav", "holt", "kest",
        "lorn", "merr", "nott", "prad", "rill", "stov", "trem", "vask",
    ];

    /// <summary>Distinct given names: two or three syllables.</summary>
    public const int GivenCount = 2_000;

    /// <summary>Distinct family names: two or three syllables.</summary>
    public const int FamilyCount = 12_000;

    public static string Given(int index) => Compose(GivenSyllables, index);

    public static string Family(int index) => Compose(FamilySyllables, index);

    /// <summary>A family name index skewed to the low end: the first names are the common ones.</summary>
    public static int SkewedFamily(Random random) => (int)(FamilyCount * Math.Pow(random.NextDouble(), 3));

    /// <summary>The index's digits in base (syllable count), as syllables: unique per index.</summary>
    private static string Compose(string[] syllables, int index)
    {
        var n = syllables.Length;
        var word = syllables[index % n] + syllables[index / n % n];
        if (index >= n * n)
        {
            word += syllables[index / (n * n) % n];
        }
        return char.ToUpperInvariant(word[0]) + word[1..];
    }
}
