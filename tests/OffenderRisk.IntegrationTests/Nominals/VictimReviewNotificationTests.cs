using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// R-VI4: victims registered for notification are listed when an indefinite registrant's review
/// application is recorded; R-NT2: only indefinite registrants, and not before 15 years from the
/// first notification after release (NotificationLawTests has the rest of R-NT2).
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class VictimReviewNotificationTests(SuiteFixture suite)
{
    private static readonly DateOnly NotifiedOn = new(2005, 6, 1);

    private VictimsService.VictimsServiceClient Victims => new(suite.Channel);

    private Task<RecordReviewApplicationResponse> ApplyAsync(string force, Nominal nominal, DateOnly date) =>
        Victims.RecordReviewApplicationAsync(new RecordReviewApplicationRequest { Parent = nominal.Name, ApplicationDate = VictimTestData.Date(date) },
            suite.As(force, "VLO-1", RoleSets.VictimLiaison)).ResponseAsync;

    [Fact]
    public async Task R_VI4_a_review_application_on_indefinite_notification_lists_the_registered_victims_honouring_their_wishes()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        nominal = await VictimTestData.ReleasedAndNotifiedAsync(suite, force, nominal, custodyMonths: 36, NotifiedOn);
        Assert.True(nominal.Notification.Indefinite);
        var direct = VictimTestData.Victim("TESTVICTIM-DIRECT");
        direct.ReviewNotificationRegistered = true;
        direct.PreferredChannel = VictimContactChannel.Email;
        var noContact = VictimTestData.Victim("TESTVICTIM-NOCONTACT", VictimContactWishes.NoContact);
        noContact.ReviewNotificationRegistered = true;
        var unregistered = VictimTestData.Victim("TESTVICTIM-UNREGISTERED");
        var d = await VictimTestData.CreateAsync(suite, force, nominal, direct);
        var n = await VictimTestData.CreateAsync(suite, force, nominal, noContact);
        await VictimTestData.CreateAsync(suite, force, nominal, unregistered);

        var response = await ApplyAsync(force, nominal, NotifiedOn.AddYears(15).AddDays(3));

        Assert.Equal([d.Name, n.Name], response.VictimsToNotify.Select(v => v.Victim));
        var first = response.VictimsToNotify[0];
        Assert.Equal("TESTVICTIM-DIRECT", first.PersonName.FamilyName);
        Assert.Equal(VictimNotificationRoute.Direct, first.Route);
        Assert.Equal(VictimContactChannel.Email, first.Channel);
        Assert.Equal(direct.Email, first.Email);
        Assert.Equal("", first.Phone); // only the channel's detail
        var second = response.VictimsToNotify[1];
        Assert.Equal(VictimNotificationRoute.DoNotContact, second.Route);
        Assert.Equal(VictimContactChannel.Unspecified, second.Channel);
        Assert.Equal("", second.Phone);
        Assert.Equal("", second.Email);
        Assert.Null(second.PostalAddress);

        Assert.StartsWith(nominal.Name + "/reviewApplications/", response.Application.Name, StringComparison.Ordinal);
        Assert.Equal(VictimTestData.Date(NotifiedOn.AddYears(15)), response.Application.ReviewEligibilityDate);
        Assert.Equal([d.Name, n.Name], response.Application.NotifiedVictims);
        var entries = await VictimTestData.EntriesUnderAsync(suite, nominal);
        Assert.Equal((long)AuditOperation.Collection, entries[^2].Operation);
        Assert.Equal(response.Application.Name, entries[^2].Subject);
        Assert.Equal((long)AuditOperation.Consultation, entries[^1].Operation);
        Assert.Equal(nominal.Name + "/victims", entries[^1].Subject);
        Assert.Equal(force, entries[^1].SubjectForce);
    }

    [Fact]
    public async Task R_VI4_a_victim_registered_later_through_update_is_listed_at_the_next_application()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        nominal = await VictimTestData.ReleasedAndNotifiedAsync(suite, force, nominal, custodyMonths: 48, NotifiedOn);
        var victim = await VictimTestData.CreateAsync(suite, force, nominal, VictimTestData.Victim(wishes: VictimContactWishes.WrittenOnly));
        Assert.Empty((await ApplyAsync(force, nominal, NotifiedOn.AddYears(15))).VictimsToNotify);

        var change = victim.Clone();
        change.ReviewNotificationRegistered = true;
        await Victims.UpdateVictimAsync(new UpdateVictimRequest { Victim = change, UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "review_notification_registered" } } },
            suite.As(force, "VLO-1", RoleSets.VictimLiaison));
        var listed = Assert.Single((await ApplyAsync(force, nominal, NotifiedOn.AddYears(19))).VictimsToNotify);

        Assert.Equal(victim.Name, listed.Victim);
        Assert.Equal(VictimNotificationRoute.InWriting, listed.Route);
        Assert.Equal(VictimContactChannel.Email, listed.Channel); // written only: never the phone
    }

    [Fact]
    public async Task R_VI4_a_review_application_on_finite_notification_is_refused_and_nothing_is_recorded()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        nominal = await VictimTestData.ReleasedAndNotifiedAsync(suite, force, nominal, custodyMonths: 24, NotifiedOn);
        var victim = VictimTestData.Victim();
        victim.ReviewNotificationRegistered = true;
        await VictimTestData.CreateAsync(suite, force, nominal, victim);
        var entriesBefore = await VictimTestData.EntriesUnderAsync(suite, nominal);

        await RpcAssert.RefusedByRuleAsync("R-VI4", "parent", () => ApplyAsync(force, nominal, NotifiedOn.AddYears(16)));

        Assert.Equal(0, await VictimTestData.CountAsync(suite, "SELECT COUNT(*) FROM victim_review_applications WHERE nominal_id = @id", new { id = nominal.Name["nominals/".Length..] }));
        Assert.Equal(entriesBefore.Count, (await VictimTestData.EntriesUnderAsync(suite, nominal)).Count);
    }

    [Fact]
    public async Task R_VI4_a_review_application_for_a_nominal_without_an_offence_history_is_refused()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);

        await RpcAssert.RefusedByRuleAsync("R-VI4", "parent", () => ApplyAsync(force, nominal, new DateOnly(2024, 1, 2)));
    }

    [Fact]
    public async Task R_NT2_a_review_application_before_fifteen_years_from_the_first_notification_after_release_is_refused()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        nominal = await VictimTestData.ReleasedAndNotifiedAsync(suite, force, nominal, custodyMonths: 36, NotifiedOn);

        await RpcAssert.RefusedByRuleAsync("R-NT2", "application_date", () => ApplyAsync(force, nominal, NotifiedOn.AddYears(15).AddDays(-1)));
    }

    [Fact]
    public async Task R_VI4_a_repeated_request_id_records_one_application()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        nominal = await VictimTestData.ReleasedAndNotifiedAsync(suite, force, nominal, custodyMonths: 36, NotifiedOn);
        var request = new RecordReviewApplicationRequest { Parent = nominal.Name, ApplicationDate = VictimTestData.Date(NotifiedOn.AddYears(16)), RequestId = Guid.NewGuid().ToString() };

        var first = await Victims.RecordReviewApplicationAsync(request, suite.As(force, "VLO-1", RoleSets.VictimLiaison));
        var second = await Victims.RecordReviewApplicationAsync(request, suite.As(force, "VLO-1", RoleSets.VictimLiaison));

        Assert.Equal(first.Application, second.Application);
        Assert.Equal(1, await VictimTestData.CountAsync(suite, "SELECT COUNT(*) FROM victim_review_applications WHERE nominal_id = @id", new { id = nominal.Name["nominals/".Length..] }));
    }
}
