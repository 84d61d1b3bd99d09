using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Search;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>
/// Double Metaphone against published examples: Philips' own (the C/C++ Users Journal article's
/// sentence and names) and Stephen Woodbridge's surname list, the reference data most
/// implementations are checked against.
/// </summary>
public sealed class SearchDoubleMetaphoneTests
{
    [Theory]
    // Philips' examples.
    [InlineData("testing", "TSTN", "TSTN")]
    [InlineData("The", "0", "T")]
    [InlineData("quick", "KK", "KK")]
    [InlineData("brown", "PRN", "PRN")]
    [InlineData("fox", "FKS", "FKS")]
    [InlineData("jumped", "JMPT", "AMPT")]
    [InlineData("over", "AFR", "AFR")]
    [InlineData("lazy", "LS", "LS")]
    [InlineData("dogs", "TKS", "TKS")]
    [InlineData("MacCafferey", "MKFR", "MKFR")]
    [InlineData("Stephan", "STFN", "STFN")]
    [InlineData("Kuczewski", "KSSK", "KXFS")]
    [InlineData("McClelland", "MKLL", "MKLL")]
    [InlineData("san jose", "SNHS", "SNHS")]
    [InlineData("xenophobia", "SNFP", "SNFP")]
    [InlineData("Fokker", "FKR", "FKR")]
    [InlineData("Czerny", "SRN", "XRN")]
    // Woodbridge's surnames.
    [InlineData("ALLERTON", "ALRT", "ALRT")]
    [InlineData("Acton", "AKTN", "AKTN")]
    [InlineData("Adams", "ATMS", "ATMS")]
    [InlineData("Angier", "ANJ", "ANJR")]
    [InlineData("Ashby", "AXP", "AXP")]
    [InlineData("Bachelor", "PXLR", "PKLR")]
    [InlineData("Barlow", "PRL", "PRLF")]
    [InlineData("Beauchamp", "PXMP", "PKMP")]
    [InlineData("Belcher", "PLXR", "PLKR")]
    [InlineData("benign", "PNN", "PNKN")]
    [InlineData("Bergen", "PRJN", "PRKN")]
    [InlineData("Bigelow", "PJL", "PKLF")]
    [InlineData("Bosworth", "PSR0", "PSRT")]
    [InlineData("Bouchier", "PX", "PKR")]
    [InlineData("Brigham", "PRM", "PRM")]
    [InlineData("Brzozowski", "PRSS", "PRTS")]
    [InlineData("Burge", "PRJ", "PRK")]
    [InlineData("Chambers", "XMPR", "XMPR")]
    [InlineData("Chevalier", "XFL", "XFLR")]
    [InlineData("Chillingsworth", "XLNK", "XLNK")]
    [InlineData("Christie", "KRST", "KRST")]
    [InlineData("Church", "XRX", "XRK")]
    [InlineData("Clothilde", "KL0L", "KLTL")]
    [InlineData("Collier", "KL", "KLR")]
    [InlineData("Compton", "KMPT", "KMPT")]
    [InlineData("Copperthwaite", "KPR0", "KPRT")]
    [InlineData("Corneliszen", "KRNL", "KRNL")]
    [InlineData("Crew", "KR", "KRF")]
    [InlineData("Cunningham", "KNNK", "KNNK")]
    [InlineData("Cutha", "K0", "KT")]
    [InlineData("D'Aubigny", "TPN", "TPKN")]
    [InlineData("Dow", "T", "TF")]
    [InlineData("Eglinton", "AKLN", "ALNT")]
    [InlineData("Elizabeth", "ALSP", "ALSP")]
    [InlineData("Empson", "AMPS", "AMPS")]
    [InlineData("Fischer", "FXR", "FSKR")]
    [InlineData("Folger", "FLKR", "FLJR")]
    [InlineData("French", "FRNX", "FRNK")]
    [InlineData("Frier", "FR", "FRR")]
    [InlineData("Frothingham", "FR0N", "FRTN")]
    [InlineData("Gage", "KJ", "KK")]
    [InlineData("George", "JRJ", "KRK")]
    [InlineData("Gerken", "KRKN", "JRKN")]
    [InlineData("Gibbs", "KPS", "JPS")]
    [InlineData("Giffard", "JFRT", "KFRT")]
    [InlineData("Gilbert", "KLPR", "JLPR")]
    [InlineData("Goodnow", "KTN", "KTNF")]
    [InlineData("Hathaway", "H0", "HT")]
    [InlineData("Hemenway", "HMN", "HMN")]
    public void Codes_match_the_published_examples(string word, string primary, string alternate)
    {
        Assert.Equal((primary, alternate), DoubleMetaphone.Encode(word));
    }

    [Theory]
    [InlineData("Brian", "Bryan")]
    [InlineData("Auto", "Otto")]
    [InlineData("Steven", "Stefan")]
    [InlineData("Philipowitz", "Filipowicz")]
    [InlineData("cookie", "quick")]
    [InlineData("Case", "cAsE")]
    public void Published_sound_alikes_share_a_primary_code(string a, string b)
    {
        Assert.Equal(DoubleMetaphone.Encode(a).Primary, DoubleMetaphone.Encode(b).Primary);
    }

    [Fact]
    public void Different_sounds_get_different_codes()
    {
        Assert.NotEqual(DoubleMetaphone.Encode("Brain"), DoubleMetaphone.Encode("Band"));
    }

    [Fact]
    public void The_code_length_is_bounded()
    {
        Assert.Equal(("JMP", "AMP"), DoubleMetaphone.Encode("jumped", maxLength: 3));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Nothing_to_code_gives_empty_codes(string? word)
    {
        Assert.Equal(("", ""), DoubleMetaphone.Encode(word));
    }
}
