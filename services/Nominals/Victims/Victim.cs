namespace OffenderRisk.Nominals.Victims;

// The victim compartment (R-VI2): these records are stored in victim_* tables by VictimStore and
// served only by VictimsService. Nothing here is ever read by a nominal RPC, put on the change
// feed, logged or added to telemetry.

/// <summary>A postal address at which a victim may be written to.</summary>
public sealed record VictimAddressRecord(IReadOnlyList<string> Lines, string Postcode);

/// <summary>What the victim liaison officer records about a victim.</summary>
public sealed record VictimDetails(
    PersonName Name,
    string Phone,
    string Email,
    VictimAddressRecord? PostalAddress,
    VictimContactChannel PreferredChannel,
    string RelationshipToOffender,
    VictimContactWishes ContactWishes,
    string ContactWishesNote,
    string AssessmentConsiderations,
    string SafetyMeasures,
    bool ReviewNotificationRegistered)
{
    /// <summary>True when the detail a channel needs is recorded.</summary>
    public bool CanBeReachedBy(VictimContactChannel channel) => channel switch
    {
        VictimContactChannel.Phone => Phone.Length > 0,
        VictimContactChannel.Email => Email.Length > 0,
        VictimContactChannel.Post => PostalAddress is not null,
        _ => false,
    };

    public bool HasAnyMeansOfContact =>
        CanBeReachedBy(VictimContactChannel.Phone) || CanBeReachedBy(VictimContactChannel.Email) || CanBeReachedBy(VictimContactChannel.Post);
}

/// <summary>Contact wishes as recorded at one time, by whom (R-VI3).</summary>
public sealed record ContactWishesEntry(VictimContactWishes ContactWishes, string Note, string RecordedBy, DateTimeOffset RecordTime);

/// <summary>
/// A stored victim. The owning force is not stored: it is the nominal's, read at each call, so a
/// victim follows its nominal on a transfer. Version is the optimistic-concurrency counter.
/// </summary>
public sealed record VictimRecord(
    string Id,
    string NominalId,
    VictimDetails Details,
    IReadOnlyList<ContactWishesEntry> WishesHistory,
    string CreatedBy,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    long Version)
{
    public string ResourceName => VictimNames.Format(NominalId, Id);

    /// <summary>Who recorded the current wishes and when: the last history entry.</summary>
    public ContactWishesEntry? CurrentWishes => WishesHistory.Count > 0 ? WishesHistory[^1] : null;

    /// <summary>A new victim, its wishes recorded by the creator (R-VI3).</summary>
    public static VictimRecord New(string id, string nominalId, VictimDetails details, string recordedBy, DateTimeOffset now) =>
        new(id, nominalId, details, [new ContactWishesEntry(details.ContactWishes, details.ContactWishesNote, recordedBy, now)], recordedBy, now, now, 1);

    /// <summary>
    /// The record with changed details; when the wishes or their note were part of the change, the
    /// recording is appended to the history with who and when (R-VI3).
    /// </summary>
    public VictimRecord Changed(VictimDetails details, bool wishesRecorded, string recordedBy, DateTimeOffset now) => this with
    {
        Details = details,
        WishesHistory = wishesRecorded
            ? [.. WishesHistory, new ContactWishesEntry(details.ContactWishes, details.ContactWishesNote, recordedBy, now)]
            : WishesHistory,
        UpdateTime = now,
        Version = Version + 1,
    };
}

/// <summary>A contact made with a victim, recorded once the victim's wishes allowed it (R-VI3).</summary>
public sealed record VictimContactActionRecord(
    string Id, string NominalId, string VictimId, VictimContactActionKind Kind, string Purpose, string RecordedBy, DateTimeOffset RecordTime)
{
    public string ResourceName => VictimNames.FormatContactAction(NominalId, VictimId, Id);
}

/// <summary>
/// An indefinite registrant's application for review of notification (R-NT2), with the victims
/// that were listed for notification when it was recorded (R-VI4).
/// </summary>
public sealed record ReviewApplicationRecord(
    string Id, string NominalId, DateOnly ApplicationDate, DateOnly ReviewEligibilityDate, string RecordedBy, DateTimeOffset RecordTime,
    IReadOnlyList<string> NotifiedVictimIds)
{
    public string ResourceName => ReviewApplicationNames.Format(NominalId, Id);
}

/// <summary>
/// Resource names of the compartment: "nominals/{id}/victims/{victim}", its contact actions
/// ".../contactActions/{action}", and "nominals/{id}/reviewApplications/{application}".
/// </summary>
public static class VictimNames
{
    public const string Victims = "victims";
    public const string ContactActions = "contactActions";

    /// <summary>A nominal's victim collection, the audit subject of reads spanning its victims.</summary>
    public static string Collection(string nominalId) => $"{NominalNames.Format(nominalId)}/{Victims}";

    public static string Format(string nominalId, string victimId) => $"{Collection(nominalId)}/{victimId}";

    public static string FormatContactAction(string nominalId, string victimId, string actionId) =>
        $"{Format(nominalId, victimId)}/{ContactActions}/{actionId}";

    /// <summary>The ids in a victim's name, or null when the name is not a victim's.</summary>
    public static (string NominalId, string VictimId)? TryParse(string? name) =>
        ResourceNames.TryParseNested(NominalNames.Collection, Victims, name);
}
