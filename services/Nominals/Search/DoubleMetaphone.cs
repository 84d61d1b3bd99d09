using System.Text;

namespace OffenderRisk.Nominals.Search;

/// <summary>
/// Lawrence Philips' Double Metaphone (C/C++ Users Journal, June 2000): a primary and an
/// alternate phonetic code for a word, so that names spelt differently but said alike share a
/// code (Smith/Smyth, Jonathan/Jonathon, Stephen/Steffen). Codes use the letters
/// A F H J K L M N P R S T X and '0' for "th"; at most <c>maxLength</c> of them (4 in the
/// published algorithm). No maintained NuGet package offers it, hence this implementation of the
/// published rules; the unit tests pin it to the published examples.
/// </summary>
public static class DoubleMetaphone
{
    public const int DefaultMaxLength = 4;

    /// <summary>The primary and alternate codes of <paramref name="word"/>; empty for no letters.</summary>
    public static (string Primary, string Alternate) Encode(string? word, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var value = (word ?? "").Trim().ToUpperInvariant();
        if (value.Length == 0)
        {
            return ("", "");
        }
        var encoder = new Encoder(value, maxLength);
        encoder.Run();
        return (encoder.Primary.ToString(), encoder.Alternate.ToString());
    }

    private sealed class Encoder(string value, int maxLength)
    {
        private const string Vowels = "AEIOUY";
        private readonly int _last = value.Length - 1;
        private readonly bool _slavoGermanic =
            value.Contains('W', StringComparison.Ordinal) || value.Contains('K', StringComparison.Ordinal)
            || value.Contains("CZ", StringComparison.Ordinal) || value.Contains("WITZ", StringComparison.Ordinal);

        public StringBuilder Primary { get; } = new(maxLength);
        public StringBuilder Alternate { get; } = new(maxLength);

        public void Run()
        {
            // Silent first letters: GNome, KNight, PNeumonia, WRite, PSychology.
            var i = Is(0, 2, "GN", "KN", "PN", "WR", "PS") ? 1 : 0;
            while (i <= _last && (Primary.Length < maxLength || Alternate.Length < maxLength))
            {
                i = value[i] switch
                {
                    'A' or 'E' or 'I' or 'O' or 'U' or 'Y' => Vowel(i),
                    'B' => Simple(i, "P", 'B'),
                    'Ç' => Add("S", i + 1),
                    'C' => C(i),
                    'D' => D(i),
                    'F' => Simple(i, "F", 'F'),
                    'G' => G(i),
                    'H' => H(i),
                    'J' => J(i),
                    'K' => Simple(i, "K", 'K'),
                    'L' => L(i),
                    'M' => Add("M", MSkipsNext(i) ? i + 2 : i + 1),
                    'N' => Simple(i, "N", 'N'),
                    'Ñ' => Add("N", i + 1),
                    'P' => P(i),
                    'Q' => Simple(i, "K", 'Q'),
                    'R' => R(i),
                    'S' => S(i),
                    'T' => T(i),
                    'V' => Simple(i, "F", 'V'),
                    'W' => W(i),
                    'X' => X(i),
                    'Z' => Z(i),
                    _ => i + 1,
                };
            }
        }

        // ---- helpers ----

        private char At(int i) => i >= 0 && i <= _last ? value[i] : '\0';

        private static bool IsVowel(char c) => c != '\0' && Vowels.Contains(c, StringComparison.Ordinal);

        /// <summary>Whether the <paramref name="length"/> letters at <paramref name="start"/> are one of <paramref name="options"/>.</summary>
        private bool Is(int start, int length, params string[] options)
        {
            if (start < 0 || start + length > value.Length)
            {
                return false;
            }
            var span = value.AsSpan(start, length);
            foreach (var option in options)
            {
                if (span.SequenceEqual(option))
                {
                    return true;
                }
            }
            return false;
        }

        private void Append(string both) => Append(both, both);

        private void Append(string primary, string alternate)
        {
            AppendPrimary(primary);
            AppendAlternate(alternate);
        }

        private void AppendPrimary(string s) => Primary.Append(s.AsSpan(0, Math.Min(s.Length, maxLength - Primary.Length)));

        private void AppendAlternate(string s) => Alternate.Append(s.AsSpan(0, Math.Min(s.Length, maxLength - Alternate.Length)));

        private int Add(string code, int next)
        {
            Append(code);
            return next;
        }

        /// <summary>A letter with one sound, whose doubling is silent (BB, FF, KK, NN, QQ, VV).</summary>
        private int Simple(int i, string code, char doubled) => Add(code, At(i + 1) == doubled ? i + 2 : i + 1);

        // ---- letters ----

        private int Vowel(int i)
        {
            // Only a leading vowel is coded, always as A.
            if (i == 0)
            {
                Append("A");
            }
            return i + 1;
        }

        private int C(int i)
        {
            if (IsGermanicAch(i))
            {
                return Add("K", i + 2);
            }
            if (i == 0 && Is(i, 6, "CAESAR"))
            {
                return Add("S", i + 2);
            }
            if (Is(i, 2, "CH"))
            {
                return Ch(i);
            }
            if (Is(i, 2, "CZ") && !Is(i - 2, 4, "WICZ"))
            {
                Append("S", "X"); // Czerny
                return i + 2;
            }
            if (Is(i + 1, 3, "CIA"))
            {
                return Add("X", i + 3); // focaccia
            }
            if (Is(i, 2, "CC") && !(i == 1 && At(0) == 'M'))
            {
                // Bellocchio and accident, but not bacchus; not McClelland.
                if (Is(i + 2, 1, "I", "E", "H") && !Is(i + 2, 2, "HU"))
                {
                    return Add((i == 1 && At(0) == 'A') || Is(i - 1, 5, "UCCEE", "UCCES") ? "KS" : "X", i + 3);
                }
                return Add("K", i + 2);
            }
            if (Is(i, 2, "CK", "CG", "CQ"))
            {
                return Add("K", i + 2);
            }
            if (Is(i, 2, "CI", "CE", "CY"))
            {
                // Italian versus English.
                if (Is(i, 3, "CIO", "CIE", "CIA"))
                {
                    Append("S", "X");
                }
                else
                {
                    Append("S");
                }
                return i + 2;
            }
            Append("K");
            if (Is(i + 1, 2, " C", " Q", " G"))
            {
                return i + 3; // Mac Caffrey, Mac Gregor
            }
            return Is(i + 1, 1, "C", "K", "Q") && !Is(i + 1, 2, "CE", "CI") ? i + 2 : i + 1;
        }

        /// <summary>"ACH" sounded K (Bacher, Macher, ...), and "CHIA".</summary>
        private bool IsGermanicAch(int i)
        {
            if (Is(i, 4, "CHIA"))
            {
                return true;
            }
            if (i <= 1 || IsVowel(At(i - 2)) || !Is(i - 1, 3, "ACH"))
            {
                return false;
            }
            var next = At(i + 2);
            return (next != 'I' && next != 'E') || Is(i - 2, 6, "BACHER", "MACHER");
        }

        private int Ch(int i)
        {
            if (i > 0 && Is(i, 4, "CHAE"))
            {
                Append("K", "X"); // Michael
                return i + 2;
            }
            if (IsGreekInitialCh(i) || IsKhCh(i))
            {
                return Add("K", i + 2);
            }
            if (i > 0)
            {
                if (Is(0, 2, "MC"))
                {
                    Append("K");
                }
                else
                {
                    Append("X", "K");
                }
            }
            else
            {
                Append("X");
            }
            return i + 2;
        }

        /// <summary>Greek roots at the start: Charac-, Charis-, Chor-, Chym-, Chia-, Chem- (not Chore).</summary>
        private bool IsGreekInitialCh(int i) =>
            i == 0
            && (Is(i + 1, 5, "HARAC", "HARIS") || Is(i + 1, 3, "HOR", "HYM", "HIA", "HEM"))
            && !Is(0, 5, "CHORE");

        /// <summary>Germanic, Greek or otherwise "kh": Orchestra, Architect, Orchid, Bach-t, Sch-.</summary>
        private bool IsKhCh(int i) =>
            Is(0, 4, "VAN ", "VON ") || Is(0, 3, "SCH")
            || Is(i - 2, 6, "ORCHES", "ARCHIT", "ORCHID")
            || Is(i + 2, 1, "T", "S")
            || ((Is(i - 1, 1, "A", "O", "U", "E") || i == 0)
                && (Is(i + 2, 1, "L", "R", "N", "M", "B", "H", "F", "V", "W", " ") || i + 1 == _last));

        private int D(int i)
        {
            if (Is(i, 2, "DG"))
            {
                return Is(i + 2, 1, "I", "E", "Y") ? Add("J", i + 3) : Add("TK", i + 2); // Edge; Edgar
            }
            return Add("T", Is(i, 2, "DT", "DD") ? i + 2 : i + 1);
        }

        private int G(int i)
        {
            if (At(i + 1) == 'H')
            {
                return Gh(i);
            }
            if (At(i + 1) == 'N')
            {
                if (i == 1 && IsVowel(At(0)) && !_slavoGermanic)
                {
                    Append("KN", "N");
                }
                else if (!Is(i + 2, 2, "EY") && At(i + 1) != 'Y' && !_slavoGermanic)
                {
                    Append("N", "KN");
                }
                else
                {
                    Append("KN");
                }
                return i + 2;
            }
            if (Is(i + 1, 2, "LI") && !_slavoGermanic)
            {
                Append("KL", "L"); // Tagliaro
                return i + 2;
            }
            if (i == 0 && (At(i + 1) == 'Y' || Is(i + 1, 2, "ES", "EP", "EB", "EL", "EY", "IB", "IL", "IN", "IE", "EI", "ER")))
            {
                Append("K", "J");
                return i + 2;
            }
            if ((Is(i + 1, 2, "ER") || At(i + 1) == 'Y')
                && !Is(0, 6, "DANGER", "RANGER", "MANGER") && !Is(i - 1, 1, "E", "I") && !Is(i - 1, 3, "RGY", "OGY"))
            {
                Append("K", "J"); // -ger-, -gy-
                return i + 2;
            }
            if (Is(i + 1, 1, "E", "I", "Y") || Is(i - 1, 4, "AGGI", "OGGI"))
            {
                if (Is(0, 4, "VAN ", "VON ") || Is(0, 3, "SCH") || Is(i + 1, 2, "ET"))
                {
                    Append("K"); // obviously Germanic
                }
                else if (Is(i + 1, 3, "IER"))
                {
                    Append("J");
                }
                else
                {
                    Append("J", "K");
                }
                return i + 2;
            }
            return Add("K", At(i + 1) == 'G' ? i + 2 : i + 1);
        }

        private int Gh(int i)
        {
            if (i > 0 && !IsVowel(At(i - 1)))
            {
                return Add("K", i + 2);
            }
            if (i == 0)
            {
                return Add(At(i + 2) == 'I' ? "J" : "K", i + 2); // Ghislane; Ghost
            }
            // Parker's rule: Hugh, Bough, Broughton: silent.
            if ((i > 1 && Is(i - 2, 1, "B", "H", "D")) || (i > 2 && Is(i - 3, 1, "B", "H", "D")) || (i > 3 && Is(i - 4, 1, "B", "H")))
            {
                return i + 2;
            }
            if (i > 2 && At(i - 1) == 'U' && Is(i - 3, 1, "C", "G", "L", "R", "T"))
            {
                Append("F"); // laugh, McLaughlin, cough, rough, tough
            }
            else if (At(i - 1) != 'I')
            {
                Append("K");
            }
            return i + 2;
        }

        private int H(int i)
        {
            // Kept only first or between vowels, before a vowel.
            if ((i == 0 || IsVowel(At(i - 1))) && IsVowel(At(i + 1)))
            {
                return Add("H", i + 2);
            }
            return i + 1;
        }

        private int J(int i)
        {
            if (Is(i, 4, "JOSE") || Is(0, 4, "SAN "))
            {
                // Obviously Spanish: Jose, San Jacinto.
                if ((i == 0 && At(i + 4) == ' ') || value.Length == 4 || Is(0, 4, "SAN "))
                {
                    Append("H");
                }
                else
                {
                    Append("J", "H");
                }
                return i + 1;
            }
            if (i == 0)
            {
                Append("J", "A"); // Jankelowicz / Yankelovich
            }
            else if (IsVowel(At(i - 1)) && !_slavoGermanic && (At(i + 1) == 'A' || At(i + 1) == 'O'))
            {
                Append("J", "H"); // Spanish pronunciation of e.g. bajador
            }
            else if (i == _last)
            {
                Append("J", " ");
            }
            else if (!Is(i + 1, 1, "L", "T", "K", "S", "N", "M", "B", "Z") && !Is(i - 1, 1, "S", "K", "L"))
            {
                Append("J");
            }
            return At(i + 1) == 'J' ? i + 2 : i + 1;
        }

        private int L(int i)
        {
            if (At(i + 1) != 'L')
            {
                return Add("L", i + 1);
            }
            // Spanish -illo, -illa, -alle: silent in the alternate (Cabrillo, Gallegos).
            var spanish = (i == value.Length - 3 && Is(i - 1, 4, "ILLO", "ILLA", "ALLE"))
                || ((Is(value.Length - 2, 2, "AS", "OS") || Is(_last, 1, "A", "O")) && Is(i - 1, 4, "ALLE"));
            if (spanish)
            {
                AppendPrimary("L");
            }
            else
            {
                Append("L");
            }
            return i + 2;
        }

        /// <summary>MM, and the silent B of -UMB at the end or before -ER (dumb, thumb, plumber).</summary>
        private bool MSkipsNext(int i) =>
            At(i + 1) == 'M' || (Is(i - 1, 3, "UMB") && (i + 1 == _last || Is(i + 2, 2, "ER")));

        private int P(int i)
        {
            if (At(i + 1) == 'H')
            {
                return Add("F", i + 2);
            }
            return Add("P", Is(i + 1, 1, "P", "B") ? i + 2 : i + 1); // Campbell, raspberry
        }

        private int R(int i)
        {
            // French final -ier is silent in the primary (Rogier), except -meier, -maier.
            if (i == _last && !_slavoGermanic && Is(i - 2, 2, "IE") && !Is(i - 4, 2, "ME", "MA"))
            {
                AppendAlternate("R");
            }
            else
            {
                Append("R");
            }
            return At(i + 1) == 'R' ? i + 2 : i + 1;
        }

        private int S(int i)
        {
            if (Is(i - 1, 3, "ISL", "YSL"))
            {
                return i + 1; // island, isle, Carlisle, Carlysle
            }
            if (i == 0 && Is(i, 5, "SUGAR"))
            {
                Append("X", "S");
                return i + 1;
            }
            if (Is(i, 2, "SH"))
            {
                return Add(Is(i + 1, 4, "HEIM", "HOEK", "HOLM", "HOLZ") ? "S" : "X", i + 2);
            }
            if (Is(i, 3, "SIO", "SIA") || Is(i, 4, "SIAN"))
            {
                // Italian and Armenian.
                if (_slavoGermanic)
                {
                    Append("S");
                }
                else
                {
                    Append("S", "X");
                }
                return i + 3;
            }
            if ((i == 0 && Is(i + 1, 1, "M", "N", "L", "W")) || Is(i + 1, 1, "Z"))
            {
                // German and anglicised: Smith matches Schmidt, Snider matches Schneider; Slavic -sz-.
                Append("S", "X");
                return Is(i + 1, 1, "Z") ? i + 2 : i + 1;
            }
            if (Is(i, 2, "SC"))
            {
                return Sc(i);
            }
            if (i == _last && Is(i - 2, 2, "AI", "OI"))
            {
                AppendAlternate("S"); // French: Resnais, Artois
            }
            else
            {
                Append("S");
            }
            return Is(i + 1, 1, "S", "Z") ? i + 2 : i + 1;
        }

        private int Sc(int i)
        {
            if (At(i + 2) == 'H')
            {
                // Schlesinger's rule.
                if (Is(i + 3, 2, "OO", "ER", "EN", "UY", "ED", "EM"))
                {
                    // Dutch: school, schooner; Schermerhorn, Schenker.
                    if (Is(i + 3, 2, "ER", "EN"))
                    {
                        Append("X", "SK");
                    }
                    else
                    {
                        Append("SK");
                    }
                }
                else if (i == 0 && !IsVowel(At(3)) && At(3) != 'W')
                {
                    Append("X", "S");
                }
                else
                {
                    Append("X");
                }
            }
            else if (Is(i + 2, 1, "I", "E", "Y"))
            {
                Append("S");
            }
            else
            {
                Append("SK");
            }
            return i + 3;
        }

        private int T(int i)
        {
            if (Is(i, 4, "TION") || Is(i, 3, "TIA", "TCH"))
            {
                return Add("X", i + 3);
            }
            if (Is(i, 2, "TH") || Is(i, 3, "TTH"))
            {
                // Thomas, Thames, or Germanic: a hard T.
                if (Is(i + 2, 2, "OM", "AM") || Is(0, 4, "VAN ", "VON ") || Is(0, 3, "SCH"))
                {
                    Append("T");
                }
                else
                {
                    Append("0", "T");
                }
                return i + 2;
            }
            return Add("T", Is(i + 1, 1, "T", "D") ? i + 2 : i + 1);
        }

        private int W(int i)
        {
            if (Is(i, 2, "WR"))
            {
                return Add("R", i + 2);
            }
            if (i == 0 && (IsVowel(At(i + 1)) || Is(i, 2, "WH")))
            {
                // Wasserman matches Vasserman; Uomo matches Womo.
                if (IsVowel(At(i + 1)))
                {
                    Append("A", "F");
                }
                else
                {
                    Append("A");
                }
                return i + 1;
            }
            if ((i == _last && IsVowel(At(i - 1))) || Is(i - 1, 5, "EWSKI", "EWSKY", "OWSKI", "OWSKY") || Is(0, 3, "SCH"))
            {
                AppendAlternate("F"); // Arnow matches Arnoff
                return i + 1;
            }
            if (Is(i, 4, "WICZ", "WITZ"))
            {
                Append("TS", "FX"); // Polish: Filipowicz
                return i + 4;
            }
            return i + 1;
        }

        private int X(int i)
        {
            if (i == 0)
            {
                return Add("S", i + 1); // Xavier
            }
            // French final -aux, -eaux, -oux is silent: Breaux.
            if (!(i == _last && (Is(i - 3, 3, "IAU", "EAU") || Is(i - 2, 2, "AU", "OU"))))
            {
                Append("KS");
            }
            return Is(i + 1, 1, "C", "X") ? i + 2 : i + 1;
        }

        private int Z(int i)
        {
            if (At(i + 1) == 'H')
            {
                return Add("J", i + 2); // Chinese pinyin: Zhao
            }
            if (Is(i + 1, 2, "ZO", "ZI", "ZA") || (_slavoGermanic && i > 0 && At(i - 1) != 'T'))
            {
                Append("S", "TS");
            }
            else
            {
                Append("S");
            }
            return At(i + 1) == 'Z' ? i + 2 : i + 1;
        }
    }
}
