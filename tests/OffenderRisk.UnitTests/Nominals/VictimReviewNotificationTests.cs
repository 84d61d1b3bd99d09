using OffenderRisk.Nominals.Domain;
using OffenderRisk.Nominals.Victims;
using OffenderRisk.Platform.Errors;

namespace OffenderRisk.UnitTests.Nominals;

/// <summary>R-VI4: who is told of a review application (whether one may be made, R-NT2, is OffenceHistoryTests').</summary>
public sealed class VictimReviewNotificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static VictimRecord Victim(string id, VictimContactWishes wishes, bool registered, string phone = "01632 960000",
        string email = "", VictimContactChannel preferred = VictimContactChannel.Unspecified, VictimAddressRecord? address = null) =>
        VictimRecord.New(id, "00000000-0000-0000-0000-000000000001",
            new VictimDetails(new PersonName("Vera", "TESTVICTIM-" + id), phone, email, address, preferred, "", wishes, "", "", "", registered),
            "VLO-1", Now.AddMinutes(int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture))); // "v3" was created third

    [Fact]
    public void R_VI4_only_registered_victims_are_listed_oldest_first()
    {
        var notices = VictimReviewNotification.Notices(
        [
            Victim("v3", VictimContactWishes.ContactAllowed, registered: true),
            Victim("v1", VictimContactWishes.ContactAllowed, registered: true),
            Victim("v2", VictimContactWishes.ContactAllowed, registered: false),
        ]);
        Assert.Equal(["v1", "v3"], notices.Select(n => n.Victim.Id));
    }

    [Fact]
    public void R_VI3_a_registered_victim_who_wants_no_contact_is_listed_without_a_channel()
    {
        var notice = VictimReviewNotification.NoticeFor(Victim("v1", VictimContactWishes.NoContact, registered: true));
        Assert.Equal(VictimNotificationRoute.DoNotContact, notice.Route);
        Assert.Equal(VictimContactChannel.Unspecified, notice.Channel);
    }

    [Fact]
    public void R_VI3_written_only_is_notified_in_writing_even_with_a_phone_recorded()
    {
        var notice = VictimReviewNotification.NoticeFor(Victim("v1", VictimContactWishes.WrittenOnly, registered: true, email: "vera@example.invalid"));
        Assert.Equal(VictimNotificationRoute.InWriting, notice.Route);
        Assert.Equal(VictimContactChannel.Email, notice.Channel);
    }

    [Fact]
    public void The_preferred_channel_is_used_when_allowed_and_recorded()
    {
        var address = new VictimAddressRecord(["1 Fictional Row"], "ZZ9 9ZZ");
        var notice = VictimReviewNotification.NoticeFor(Victim("v1", VictimContactWishes.ViaLiaisonOnly, registered: true, preferred: VictimContactChannel.Post, address: address));
        Assert.Equal(VictimNotificationRoute.LiaisonOfficerOnly, notice.Route);
        Assert.Equal(VictimContactChannel.Post, notice.Channel);

        var direct = VictimReviewNotification.NoticeFor(Victim("v2", VictimContactWishes.ContactAllowed, registered: true));
        Assert.Equal(VictimNotificationRoute.Direct, direct.Route);
        Assert.Equal(VictimContactChannel.Phone, direct.Channel);
    }

    [Fact]
    public void R_VI3_recording_wishes_again_keeps_the_history_with_who_and_when()
    {
        var victim = Victim("v1", VictimContactWishes.ContactAllowed, registered: false);
        var changed = victim.Changed(victim.Details with { ContactWishes = VictimContactWishes.NoContact }, wishesRecorded: true, "VLO-2", Now.AddDays(1));

        Assert.Equal([VictimContactWishes.ContactAllowed, VictimContactWishes.NoContact], changed.WishesHistory.Select(w => w.ContactWishes));
        Assert.Equal("VLO-2", changed.CurrentWishes!.RecordedBy);
        Assert.Equal(Now.AddDays(1), changed.CurrentWishes.RecordTime);
        Assert.Equal(victim.Version + 1, changed.Version);
    }
}
