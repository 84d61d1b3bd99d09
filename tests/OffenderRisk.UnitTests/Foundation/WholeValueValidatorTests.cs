using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Grpc;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>
/// Validators match whole values of ASCII digits: .NET's "$" also matches before a final newline
/// and "\d" matches any script's digits, so "PC-1\n" once satisfied R-ID1 as an officer and a PNC
/// id with a trailing newline slipped past duplicate detection.
/// </summary>
public sealed class WholeValueValidatorTests
{
    [Theory]
    [InlineData("PC-1001", true)]
    [InlineData("PC-1001\n", false)]
    [InlineData("PC-1001\r\n", false)]
    public void R_ID1_an_officer_id_with_a_trailing_newline_is_not_a_user_id(string value, bool valid)
    {
        Assert.Equal(valid, Identifiers.IsUserId(value));
    }

    [Theory]
    [InlineData("99/1234567A", true)]
    [InlineData("99/1234567A\n", false)]
    [InlineData("\u0669\u0669/1234567A", false)] // Arabic-Indic digits
    [InlineData("99/\uff11234567A", false)] // a full-width digit
    public void A_pnc_id_is_two_ascii_digits_a_slash_up_to_seven_ascii_digits_and_a_letter_and_nothing_more(string value, bool valid)
    {
        Assert.Equal(valid, IdentifierFormats.PncId().IsMatch(value));
        Assert.Equal(valid && value.Length == 11, AgencyIdentifiers.IsPncId(value));
    }

    [Theory]
    [InlineData("XA", true)]
    [InlineData("XA\n", false)]
    public void A_force_code_with_a_trailing_newline_is_not_a_force_code(string value, bool valid)
    {
        Assert.Equal(valid, Identifiers.IsForceCode(value));
    }
}
