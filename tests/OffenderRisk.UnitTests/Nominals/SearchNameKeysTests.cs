using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Search;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>How names are normalised and keyed for search and duplicate detection.</summary>
public sealed class SearchNameKeysTests
{
    [Theory]
    [InlineData("Zoë", "ZOE")]
    [InlineData("ZOE", "ZOE")]
    [InlineData("zoe", "ZOE")]
    [InlineData("Ó Súilleabháin", "O SUILLEABHAIN")]
    [InlineData("O'Brien", "OBRIEN")]
    [InlineData("D\u2019Arcy", "DARCY")]
    [InlineData("  mary-ann   SMITH ", "MARY ANN SMITH")]
    [InlineData("St. John", "ST JOHN")]
    [InlineData("Straße", "STRASSE")]
    [InlineData("Łukasz Øster", "LUKASZ OSTER")]
    [InlineData("François Müller-Lüdenscheidt", "FRANCOIS MULLER LUDENSCHEIDT")]
    [InlineData("--", "")]
    [InlineData("", "")]
    public void Names_compare_without_case_diacritics_or_punctuation(string name, string normalised)
    {
        Assert.Equal(normalised, NameKeys.Normalise(name));
    }

    [Fact]
    public void A_hyphenated_name_is_found_by_each_part_and_by_the_whole()
    {
        var words = NameKeys.IndexedWords(new PersonName("Mary-Ann", "Smith-Jones"));
        Assert.Equal(["MARY", "ANN", "MARYANN", "SMITH", "JONES", "SMITHJONES"], words);
    }

    [Theory]
    [InlineData("SMITH", "SMYTH")]
    [InlineData("JONATHON", "JONATHAN")]
    [InlineData("THOMPSON", "TOMSON")]
    [InlineData("THOMPSON", "THOMSON")]
    [InlineData("SIMPSON", "SIMSON")]
    [InlineData("STEPHEN", "STEVEN")]
    [InlineData("CATHERINE", "KATHRYN")]
    [InlineData("SMITH", "SCHMIDT")]
    [InlineData("MACDONALD", "MCDONALD")]
    public void Misspellings_that_sound_alike_share_a_phonetic_key(string a, string b)
    {
        Assert.NotEmpty(NameKeys.PhoneticKeys(a).Intersect(NameKeys.PhoneticKeys(b)));
    }

    [Theory]
    [InlineData("SMITH", "JONES")]
    [InlineData("THOMPSON", "TIMMS")]
    [InlineData("JONATHAN", "JOANNA")]
    public void Names_that_sound_different_share_no_phonetic_key(string a, string b)
    {
        Assert.Empty(NameKeys.PhoneticKeys(a).Intersect(NameKeys.PhoneticKeys(b)));
    }

    [Fact]
    public void Phonetic_keys_are_the_double_metaphone_codes_plus_those_without_a_silent_p()
    {
        Assert.Equal(["SM0", "XMT"], NameKeys.PhoneticKeys("SMITH"));
        Assert.Equal(["TMPS", "TMSN"], NameKeys.PhoneticKeys("THOMPSON"));
        Assert.Empty(NameKeys.PhoneticKeys("1234"));
    }

    [Fact]
    public void Every_name_of_a_nominal_is_keyed_with_its_index_and_only_the_primary_name_has_a_full_name_key()
    {
        var details = new NominalDetails(
            new PersonName("Zoë", "Testperson"),
            [new PersonName("", "Smyth")],
            new DateOnly(1980, 1, 1), Gender.Female, "", "", NominalCategory.PotentiallyDangerousPerson, []);

        var keys = NameKeys.For(details);

        Assert.Contains(new NameKey(0, NameKeyKind.Word, "ZOE"), keys);
        Assert.Contains(new NameKey(0, NameKeyKind.Word, "TESTPERSON"), keys);
        Assert.Contains(new NameKey(1, NameKeyKind.Word, "SMYTH"), keys);
        Assert.Contains(new NameKey(1, NameKeyKind.Phonetic, "SM0"), keys);
        Assert.Equal([new NameKey(0, NameKeyKind.FullName, "ZOE TESTPERSON")], keys.Where(k => k.Kind == NameKeyKind.FullName));
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }
}
