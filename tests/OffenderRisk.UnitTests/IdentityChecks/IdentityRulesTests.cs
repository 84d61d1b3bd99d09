
using OffenderRisk.IdentityChecks.Agencies;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Grpc;
using OffenderRisk.Platform.Errors;
using Contract = OffenderRisk.Contracts.Identity.V1;

namespace OffenderRisk.UnitTests.IdentityChecks;

/// <summary>The identity rules, called directly: grounds (R-IC1), deduplication keys (R-IC3), delivery back-off and marker outcomes (R-IC5).</summary>
public sealed class IdentityRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void R_IC1_a_missing_ground_is_refused_citing_the_rule()
    {
        var e = Assert.Throws<RuleViolationException>(() => EnquiryGrounds.Require(EnquiryGround.Unspecified));
        Assert.Equal("R-IC1", e.RuleId);
        Assert.Equal("ground", e.Field);
    }

    [Theory]
    [InlineData(EnquiryGround.OverseasTravelLikelyToOffend)]
    [InlineData(EnquiryGround.OverseasTravelOccupation)]
    [InlineData(EnquiryGround.OverseasTravelHubAirportOnly)]
    [InlineData(EnquiryGround.OverseasTravelRegular)]
    [InlineData(EnquiryGround.VulnerablePersonsVocation)]
    [InlineData(EnquiryGround.PreviousIdentityFraud)]
    public void R_IC1_each_of_the_six_grounds_is_accepted(EnquiryGround ground) => EnquiryGrounds.Require(ground);

    [Fact]
    public void R_IC1_an_unknown_ground_is_invalid_not_a_rule_refusal() =>
        Assert.Throws<ValidationFailedException>(() => EnquiryGrounds.Require((EnquiryGround)99));

    [Fact]
    public void R_IC1_only_DVLA_and_HMPO_need_a_ground()
    {
        Assert.True(EnquiryGrounds.IsRequiredFor(Agency.Dvla));
        Assert.True(EnquiryGrounds.IsRequiredFor(Agency.Hmpo));
        Assert.False(EnquiryGrounds.IsRequiredFor(Agency.Pnc));
        Assert.False(EnquiryGrounds.IsRequiredFor(Agency.Pnd));
    }

    [Fact]
    public void R_IC1_a_marker_request_without_a_ground_is_refused_before_anything_else()
    {
        var request = new Contract.MarkerRequest { Agency = Contract.Agency.Hmpo, PassportNumber = "990000001", Nominal = "nominals/" + Guid.NewGuid() };
        var e = Assert.Throws<RuleViolationException>(() => MarkerRequestValidation.Validate(request));
        Assert.Equal("R-IC1", e.RuleId);
        Assert.Equal("marker_request.ground", e.Field);
    }

    [Fact]
    public void A_marker_request_needs_the_document_of_its_agency()
    {
        var dvla = new Contract.MarkerRequest { Agency = Contract.Agency.Dvla, PassportNumber = "990000001", Ground = Contract.EnquiryGround.PreviousIdentityFraud };
        var e = Assert.Throws<ValidationFailedException>(() => MarkerRequestValidation.Validate(dvla));
        Assert.Contains(e.Problems, p => p.Field == "marker_request.driving_licence_number");
        var pnc = new Contract.MarkerRequest { Agency = Contract.Agency.Pnc, Ground = Contract.EnquiryGround.PreviousIdentityFraud };
        Assert.Contains(Assert.Throws<ValidationFailedException>(() => MarkerRequestValidation.Validate(pnc)).Problems, p => p.Field == "marker_request.agency");
    }

    [Fact]
    public void R_IC3_the_deduplication_key_is_the_agency_operation_and_identifier_and_holds_no_identifier()
    {
        var key = EnquiryDeduplication.SubjectKey(Agency.Pnc, "persons.lookup", "99/0000001A");
        Assert.Equal(key, EnquiryDeduplication.SubjectKey(Agency.Pnc, "persons.lookup", "99/0000001A"));
        Assert.NotEqual(key, EnquiryDeduplication.SubjectKey(Agency.Pnc, "driver-records.lookup", "99/0000001A"));
        Assert.NotEqual(key, EnquiryDeduplication.SubjectKey(Agency.Pnd, "persons.lookup", "99/0000001A"));
        Assert.DoesNotContain("0000001", key, StringComparison.Ordinal);
        Assert.Equal(Now.AddHours(-24), EnquiryDeduplication.FreshSince(Now, TimeSpan.FromHours(24)));
    }

    [Theory]
    [InlineData(1, 0.5, 5)]
    [InlineData(2, 0.5, 10)]
    [InlineData(3, 0.5, 20)]
    [InlineData(30, 0.5, 600)]
    public void R_IC5_delivery_backs_off_exponentially_up_to_the_maximum(int failures, double jitter, int expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), DeliveryBackoff.Next(failures, null, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), DeliveryBackoff.DefaultMaxRetryAfter, jitter));

    [Fact]
    public void R_IC5_delivery_waits_at_least_the_agencys_Retry_After_but_not_for_ever()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), DeliveryBackoff.Next(1, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), DeliveryBackoff.DefaultMaxRetryAfter, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(5), DeliveryBackoff.Next(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), DeliveryBackoff.DefaultMaxRetryAfter, 0.5));
        Assert.Equal(TimeSpan.FromHours(1), DeliveryBackoff.Next(1, TimeSpan.FromDays(3), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), DeliveryBackoff.DefaultMaxRetryAfter, 0.5));
        // Operators may set a shorter cap (IdentityChecks:Outbox:MaxRetryAfter).
        Assert.Equal(TimeSpan.FromMinutes(20), DeliveryBackoff.Next(1, TimeSpan.FromDays(3), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), 0.5));
    }

    [Fact]
    public void R_IC5_jitter_spreads_retries_between_80_and_120_percent()
    {
        Assert.Equal(TimeSpan.FromSeconds(8), DeliveryBackoff.Next(2, null, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), DeliveryBackoff.DefaultMaxRetryAfter, 0.0));
        Assert.Equal(TimeSpan.FromSeconds(11.8), DeliveryBackoff.Next(2, null, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10), DeliveryBackoff.DefaultMaxRetryAfter, 0.95));
    }

    [Fact]
    public void R_IC5_a_marker_request_keeps_its_key_and_payload_through_every_outcome()
    {
        var created = NewMarker(Agency.Hmpo, "990000001");
        Assert.Equal(MarkerRequestState.Pending, created.State);
        Assert.Contains("\"passportNumber\":\"990000001\"", created.Payload, StringComparison.Ordinal);
        Assert.Contains(created.Id, created.Payload, StringComparison.Ordinal);

        var retrying = created.Retrying("unavailable", 1, Now.AddSeconds(5), Now);
        Assert.Equal(MarkerRequestState.Pending, retrying.State);
        Assert.Equal("unavailable", retrying.LastFailure);

        var delivered = retrying.Apply(new MarkerPlacement(MarkerPlacementOutcome.Placed, "HMPO-MKR-" + created.IdempotencyKey, "", false, 1), 2, Now);
        Assert.Equal(MarkerRequestState.Delivered, delivered.State);
        Assert.Equal("PLACED", delivered.AgencyOutcome);
        Assert.Equal("", delivered.LastFailure);
        Assert.Equal((created.IdempotencyKey, created.Payload), (delivered.IdempotencyKey, delivered.Payload));
    }

    [Fact]
    public void R_IC2_a_marker_already_present_is_delivered_and_a_refusal_is_rejected_with_the_reason()
    {
        var created = NewMarker(Agency.Dvla, "TESTP804090AP9AP");
        var present = created.Apply(new MarkerPlacement(MarkerPlacementOutcome.AlreadyPresent, "DVLA-MKR-EXISTING-0409", "", false, 1), 1, Now);
        Assert.Equal((MarkerRequestState.Delivered, "ALREADY_PRESENT", "DVLA-MKR-EXISTING-0409"), (present.State, present.AgencyOutcome, present.MarkerId));
        var rejected = created.Apply(new MarkerPlacement(MarkerPlacementOutcome.Rejected, "", "licence-not-found: No record found", false, 1), 1, Now);
        Assert.Equal((MarkerRequestState.Rejected, "licence-not-found: No record found"), (rejected.State, rejected.RejectionReason));
    }

    [Fact]
    public void R_RM5_scheduled_checks_need_reactive_management()
    {
        var e = Assert.Throws<RuleViolationException>(() => CheckSetRecord.RequireReactive(ManagementStatus.Active));
        Assert.Equal("R-RM5", e.RuleId);
        CheckSetRecord.RequireReactive(ManagementStatus.Reactive);
    }

    [Fact]
    public void R_RM5_a_yearly_set_holds_the_eight_checks_with_PND_and_PNC_automated()
    {
        var set = CheckSetRecord.Schedule("s1", "n1", "XA", new DateOnly(2025, 3, 1), "PC-1", Now);
        Assert.Equal(8, set.Checks.Count);
        Assert.Equal([ScheduledCheckKind.Pnd, ScheduledCheckKind.Pnc], set.Checks.Where(c => c.Automated).Select(c => c.Kind));
        Assert.All(set.Checks, c => Assert.Equal(ScheduledCheckState.Pending, c.State));

        var started = set.Start();
        Assert.Equal(CheckSetState.InProgress, started.State);
        Assert.All(started.Checks.Where(c => !c.Automated), c => Assert.Equal(ScheduledCheckState.ManualTaskOpen, c.State));
        Assert.All(started.Checks.Where(c => c.Automated), c => Assert.Equal(ScheduledCheckState.Pending, c.State));
    }

    [Fact]
    public void R_RM5_the_set_completes_when_every_check_is_done_and_the_next_is_due_a_year_later()
    {
        var set = CheckSetRecord.Schedule("s1", "n1", "XA", new DateOnly(2024, 2, 29), "PC-1", Now).Start()
            .RecordAutomated(ScheduledCheckKind.Pnd, "PND: no records", "e1", "system", Now)
            .RecordAutomated(ScheduledCheckKind.Pnc, "PNC: record ACTIVE", "e2", "system", Now);
        Assert.False(set.AllDone);
        foreach (var kind in CheckSetRecord.Kinds.Where(k => !CheckSetRecord.IsAutomated(k)))
        {
            set = set.CompleteManual(kind, "nothing of note", "PC-1", Now);
        }
        Assert.True(set.AllDone);
        var (completed, next) = set.CompleteIfDone("s2", 12, Now);
        Assert.Equal((CheckSetState.Complete, "s2"), (completed.State, completed.NextCheckSetId));
        Assert.Equal((new DateOnly(2025, 2, 28), CheckSetState.Scheduled), (next!.DueDate, next.State));
    }

    [Fact]
    public void R_RM5_an_automated_check_cannot_be_completed_by_hand_nor_a_done_one_twice()
    {
        var set = CheckSetRecord.Schedule("s1", "n1", "XA", new DateOnly(2025, 3, 1), "PC-1", Now).Start();
        Assert.Equal("CHECK_NOT_OPEN", Assert.Throws<PreconditionFailedException>(() => set.CompleteManual(ScheduledCheckKind.Pnd, "x", "PC-1", Now)).Reason);
        var done = set.CompleteManual(ScheduledCheckKind.Visor, "reviewed", "PC-1", Now);
        Assert.Throws<PreconditionFailedException>(() => done.CompleteManual(ScheduledCheckKind.Visor, "again", "PC-1", Now));
        var notDue = CheckSetRecord.Schedule("s2", "n1", "XA", new DateOnly(2026, 3, 1), "PC-1", Now);
        Assert.Throws<PreconditionFailedException>(() => notDue.CompleteManual(ScheduledCheckKind.Visor, "early", "PC-1", Now));
    }

    [Theory]
    [InlineData("99/0000001A", true)]
    [InlineData("99-1A", false)]
    [InlineData("99/0000001a", false)]
    public void PNC_IDs_are_checked_before_any_call(string value, bool valid) => Assert.Equal(valid, AgencyIdentifiers.IsPncId(value));

    [Theory]
    [InlineData("TESTP801010AA9AA", true)]
    [InlineData("TESTP8", false)]
    public void Driving_licence_numbers_are_checked_before_any_call(string value, bool valid) => Assert.Equal(valid, AgencyIdentifiers.IsDrivingLicenceNumber(value));

    [Theory]
    [InlineData("990000001", true)]
    [InlineData("99000000X", false)]
    public void Passport_numbers_are_checked_before_any_call(string value, bool valid) => Assert.Equal(valid, AgencyIdentifiers.IsPassportNumber(value));

    [Fact]
    public void R_RM5_the_interval_to_the_next_set_is_the_configured_one()
    {
        var set = CheckSetRecord.Schedule("s1", "n1", "XA", new DateOnly(2025, 3, 1), "PC-1", Now);
        Assert.Equal(new DateOnly(2025, 9, 1), set.NextDueDate(6));
        Assert.Null(set.CompleteIfDone("s2", 12, Now).Next);
    }

    private static MarkerRequestRecord NewMarker(Agency agency, string document)
    {
        var id = Guid.NewGuid().ToString("D");
        return MarkerRequestRecord.Create(id, Guid.NewGuid().ToString("D"), "XA", agency, EnquiryGround.PreviousIdentityFraud,
            document, "PC-1", MarkerPayload.For(agency, document, id, "XA PPU"), Now);
    }
}
