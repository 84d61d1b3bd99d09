using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Victims;
using OffenderRisk.Platform.Errors;
using VictimContactChannel = OffenderRisk.Contracts.Nominals.V1.VictimContactChannel;
using VictimContactWishes = OffenderRisk.Contracts.Nominals.V1.VictimContactWishes;

namespace OffenderRisk.UnitTests.Nominals;

public sealed class VictimValidationTests
{
    private static Victim Valid() => new()
    {
        PersonName = new Contracts.Common.V1.PersonName { GivenNames = "Vera", FamilyName = "TESTVICTIM" },
        Phone = "+44 7700 900000",
        ContactWishes = VictimContactWishes.ContactAllowed,
    };

    private static List<string> Fields(Victim victim)
    {
        var e = Assert.ThrowsAny<ValidationFailedException>(() =>
            VictimValidation.EnsureConsistent(VictimValidation.Validate(victim, "victim"), "victim"));
        return e.Problems.Select(p => p.Field).ToList();
    }

    [Fact]
    public void A_victim_with_a_name_a_phone_and_wishes_is_valid_and_trimmed()
    {
        var victim = Valid();
        victim.PersonName.FamilyName = "  TESTVICTIM ";
        victim.PostalAddress = new VictimPostalAddress { Lines = { " 1 Fictional Row " }, Postcode = "zz9 9zz" };

        var details = VictimValidation.Validate(victim, "victim");
        VictimValidation.EnsureConsistent(details, "victim");

        Assert.Equal("TESTVICTIM", details.Name.FamilyName);
        Assert.Equal("1 Fictional Row", details.PostalAddress!.Lines.Single());
        Assert.Equal("ZZ9 9ZZ", details.PostalAddress.Postcode);
    }

    [Fact]
    public void Name_and_wishes_are_required()
    {
        Assert.Equal(["victim.person_name", "victim.contact_wishes"], Fields(new Victim { Phone = "01632 960000" }));
    }

    [Fact]
    public void R_VI3_a_victim_who_may_be_contacted_needs_a_means_of_contact()
    {
        var victim = Valid();
        victim.Phone = "";
        Assert.Equal(["victim"], Fields(victim));
    }

    [Fact]
    public void R_VI3_a_victim_who_wants_no_contact_needs_no_means_of_contact()
    {
        var victim = Valid();
        victim.Phone = "";
        victim.ContactWishes = VictimContactWishes.NoContact;
        VictimValidation.EnsureConsistent(VictimValidation.Validate(victim, "victim"), "victim");
    }

    [Fact]
    public void R_VI3_written_only_needs_an_email_or_postal_address()
    {
        var victim = Valid();
        victim.ContactWishes = VictimContactWishes.WrittenOnly;
        Assert.Equal(["victim.contact_wishes"], Fields(victim));

        victim.Email = "vera.testvictim@example.invalid";
        VictimValidation.EnsureConsistent(VictimValidation.Validate(victim, "victim"), "victim");
    }

    [Fact]
    public void R_VI3_the_preferred_channel_must_be_recorded_and_allowed_by_the_wishes()
    {
        var victim = Valid();
        victim.PreferredChannel = VictimContactChannel.Email;
        Assert.Equal(["victim.preferred_channel"], Fields(victim));

        victim.ContactWishes = VictimContactWishes.WrittenOnly;
        victim.Email = "vera.testvictim@example.invalid";
        victim.PreferredChannel = VictimContactChannel.Phone;
        Assert.Equal(["victim.preferred_channel"], Fields(victim));

        victim.ContactWishes = VictimContactWishes.NoContact;
        victim.PreferredChannel = VictimContactChannel.Email;
        Assert.Equal(["victim.preferred_channel"], Fields(victim));
    }

    [Fact]
    public void Malformed_contact_details_and_long_text_are_named_without_quoting_values()
    {
        var victim = Valid();
        victim.Phone = "call me maybe";
        victim.Email = "not-an-email";
        victim.RelationshipToOffender = new string('x', 201);
        victim.PostalAddress = new VictimPostalAddress();

        var e = Assert.Throws<ValidationFailedException>(() => VictimValidation.Validate(victim, "victim"));

        Assert.Equal(["victim.phone", "victim.email", "victim.postal_address.lines", "victim.relationship_to_offender"], e.Problems.Select(p => p.Field));
        Assert.DoesNotContain("call me maybe", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-an-email", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_validates_only_masked_fields_and_merge_keeps_the_rest()
    {
        var current = VictimValidation.Validate(Valid(), "victim");
        var fields = new HashSet<string> { "safety_measures", "review_notification_registered" };
        var change = new Victim { SafetyMeasures = "Exclusion zone around the victim's street", ReviewNotificationRegistered = true };

        var merged = VictimValidation.Merge(current, VictimValidation.Validate(change, "victim", fields), fields);

        Assert.Equal(current.Name, merged.Name);
        Assert.Equal(current.Phone, merged.Phone);
        Assert.Equal("Exclusion zone around the victim's street", merged.SafetyMeasures);
        Assert.True(merged.ReviewNotificationRegistered);
    }

    [Fact]
    public void Victim_names_parse_only_their_own_shape()
    {
        var nominal = Guid.NewGuid().ToString("D");
        var victim = Guid.NewGuid().ToString("D");
        Assert.Equal((nominal, victim), VictimNames.TryParse($"nominals/{nominal}/victims/{victim}"));
        Assert.Null(VictimNames.TryParse($"nominals/{nominal}/civilOrders/{victim}"));
        Assert.Null(VictimNames.TryParse($"nominals/{nominal}/victims/not-a-uuid"));
        Assert.Null(VictimNames.TryParse($"nominals/{nominal}"));
        Assert.Equal($"nominals/{nominal}/victims/{victim}/contactActions/{victim}", VictimNames.FormatContactAction(nominal, victim, victim));
    }
}
