using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Victims;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>R-VI3: a victim's wishes about contact are respected.</summary>
public sealed class VictimContactWishesRuleTests
{
    [Theory]
    [InlineData(VictimContactActionKind.PhoneCall)]
    [InlineData(VictimContactActionKind.Visit)]
    [InlineData(VictimContactActionKind.Letter)]
    [InlineData(VictimContactActionKind.Email)]
    public void R_VI3_no_contact_refuses_every_kind_citing_the_rule_and_field(VictimContactActionKind kind)
    {
        var e = Assert.Throws<RuleViolationException>(() => VictimContactWishesRule.EnsurePermitted(VictimContactWishes.NoContact, kind, byLiaisonOfficer: true));
        Assert.Equal("R-VI3", e.RuleId);
        Assert.Equal("contact_action.kind", e.Field);
    }

    [Theory]
    [InlineData(VictimContactActionKind.PhoneCall, false)]
    [InlineData(VictimContactActionKind.Visit, false)]
    [InlineData(VictimContactActionKind.Letter, true)]
    [InlineData(VictimContactActionKind.Email, true)]
    public void R_VI3_written_only_allows_letters_and_emails_only(VictimContactActionKind kind, bool allowed)
    {
        Assert.Equal(allowed, VictimContactWishesRule.Permits(VictimContactWishes.WrittenOnly, kind, byLiaisonOfficer: true));
    }

    [Fact]
    public void R_VI3_via_liaison_only_allows_every_kind_by_the_liaison_officer_and_none_by_anyone_else()
    {
        foreach (var kind in new[] { VictimContactActionKind.PhoneCall, VictimContactActionKind.Visit, VictimContactActionKind.Letter, VictimContactActionKind.Email })
        {
            Assert.True(VictimContactWishesRule.Permits(VictimContactWishes.ViaLiaisonOnly, kind, byLiaisonOfficer: true));
            Assert.False(VictimContactWishesRule.Permits(VictimContactWishes.ViaLiaisonOnly, kind, byLiaisonOfficer: false));
        }
    }

    [Fact]
    public void R_VI3_contact_allowed_allows_every_kind_and_unrecorded_wishes_allow_none()
    {
        Assert.True(VictimContactWishesRule.Permits(VictimContactWishes.ContactAllowed, VictimContactActionKind.Visit, byLiaisonOfficer: true));
        Assert.False(VictimContactWishesRule.Permits(VictimContactWishes.Unspecified, VictimContactActionKind.Letter, byLiaisonOfficer: true));
    }

    [Fact]
    public void R_VI3_channels_follow_the_wishes()
    {
        Assert.False(VictimContactWishesRule.AllowsChannel(VictimContactWishes.WrittenOnly, VictimContactChannel.Phone));
        Assert.True(VictimContactWishesRule.AllowsChannel(VictimContactWishes.WrittenOnly, VictimContactChannel.Post));
        Assert.False(VictimContactWishesRule.AllowsChannel(VictimContactWishes.NoContact, VictimContactChannel.Email));
        Assert.True(VictimContactWishesRule.AllowsChannel(VictimContactWishes.ViaLiaisonOnly, VictimContactChannel.Phone));
    }
}
