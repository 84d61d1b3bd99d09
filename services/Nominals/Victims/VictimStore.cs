using System.Text.Json;
using Dapper;

namespace OffenderRisk.Nominals.Victims;

/// <summary>
/// The victim compartment's rows (R-VI2): victim_records, victim_contact_actions and
/// victim_review_applications. The only class that touches them; no query here joins a nominal
/// table, and no nominal query joins these. Every method runs inside the caller's transaction.
/// Erasing a nominal (R-AU1) removes all three through <see cref="EraseAsync"/>, and the
/// idempotency keys naming what they held.
/// The request_id and request_hash columns of all three (V0040) are no longer written: the keys
/// live in idempotency_keys, by reference (V0041). New rows store a null request_id and an empty
/// hash, which the column's NOT NULL needs.
/// Internal to the compartment: outside Victims/ it is reached only as an IErasureParticipant
/// (registered by <see cref="VictimsRegistration"/>); nothing else in the service may reference it.
/// </summary>
internal sealed class VictimStore : IErasureParticipant
{
    private const string VictimColumns =
        "id, nominal_id, given_names, family_name, phone, email, postal_address, preferred_channel, relationship_to_offender, contact_wishes, contact_wishes_note, wishes_history, assessment_considerations, safety_measures, review_notification_registered, created_by, create_time, update_time, version";

    private const string ActionColumns = "id, victim_id, nominal_id, kind, purpose, recorded_by, record_time";

    private const string ApplicationColumns =
        "id, nominal_id, application_date, review_eligibility_date, recorded_by, record_time, notified_victim_ids";

    // ---- Victims ----

    public Task InsertVictimAsync(Session s, VictimRecord victim) =>
        s.ExecuteAsync(
            $"""
            INSERT INTO victim_records ({VictimColumns}, request_hash)
            VALUES (@Id, @NominalId, @GivenNames, @FamilyName, @Phone, @Email, @PostalAddress, @PreferredChannel,
                    @RelationshipToOffender, @ContactWishes, @ContactWishesNote, @WishesHistory, @AssessmentConsiderations,
                    @SafetyMeasures, @ReviewNotificationRegistered, @CreatedBy, @CreateTime, @UpdateTime, @Version, '')
            """, VictimRow.From(victim));

    public Task<VictimRecord?> FindVictimAsync(Session s, string nominalId, string victimId) =>
        FindAsync<VictimRow, VictimRecord>(s, "victim_records", VictimColumns, "nominal_id", nominalId, victimId);

    /// <summary>A nominal's victims, newest first, before the given id (keyset pagination).</summary>
    public Task<IReadOnlyList<VictimRecord>> ListVictimsAsync(Session s, string nominalId, string? beforeId, int limit) =>
        ListNewestFirstAsync<VictimRow, VictimRecord>(s, "victim_records", VictimColumns, "nominal_id", nominalId, beforeId, limit);

    /// <summary>A nominal's victims registered for review notification (R-VI4), oldest first.</summary>
    public async Task<IReadOnlyList<VictimRecord>> ListRegisteredForReviewAsync(Session s, string nominalId)
    {
        var rows = await s.QueryAsync<VictimRow>(
            $"""
            SELECT {VictimColumns} FROM victim_records
            WHERE nominal_id = @nominalId AND review_notification_registered = 1
            ORDER BY id
            """, new { nominalId });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Writes the record if its stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateVictimAsync(Session s, VictimRecord victim, long expectedVersion)
    {
        var row = VictimRow.From(victim);
        var changed = await s.ExecuteAsync(
            """
            UPDATE victim_records SET given_names = @GivenNames, family_name = @FamilyName, phone = @Phone, email = @Email,
                postal_address = @PostalAddress, preferred_channel = @PreferredChannel,
                relationship_to_offender = @RelationshipToOffender, contact_wishes = @ContactWishes,
                contact_wishes_note = @ContactWishesNote, wishes_history = @WishesHistory,
                assessment_considerations = @AssessmentConsiderations, safety_measures = @SafetyMeasures,
                review_notification_registered = @ReviewNotificationRegistered, update_time = @UpdateTime, version = @Version
            WHERE id = @Id AND nominal_id = @NominalId AND version = @ExpectedVersion
            """,
            new
            {
                row.Id, row.NominalId, row.GivenNames, row.FamilyName, row.Phone, row.Email, row.PostalAddress, row.PreferredChannel,
                row.RelationshipToOffender, row.ContactWishes, row.ContactWishesNote, row.WishesHistory, row.AssessmentConsiderations,
                row.SafetyMeasures, row.ReviewNotificationRegistered, row.UpdateTime, row.Version, ExpectedVersion = expectedVersion,
            });
        return changed == 1;
    }

    // ---- Contact actions ----

    public Task InsertContactActionAsync(Session s, VictimContactActionRecord action) =>
        s.ExecuteAsync(
            $"""
            INSERT INTO victim_contact_actions ({ActionColumns}, request_hash)
            VALUES (@Id, @VictimId, @NominalId, @Kind, @Purpose, @RecordedBy, @RecordTime, '')
            """,
            new
            {
                action.Id, action.VictimId, action.NominalId, Kind = (long)action.Kind, action.Purpose, action.RecordedBy,
                RecordTime = Time(action.RecordTime),
            });

    public Task<VictimContactActionRecord?> FindContactActionAsync(Session s, string victimId, string actionId) =>
        FindAsync<ActionRow, VictimContactActionRecord>(s, "victim_contact_actions", ActionColumns, "victim_id", victimId, actionId);

    /// <summary>A victim's contact actions, newest first, before the given id.</summary>
    public Task<IReadOnlyList<VictimContactActionRecord>> ListContactActionsAsync(Session s, string victimId, string? beforeId, int limit) =>
        ListNewestFirstAsync<ActionRow, VictimContactActionRecord>(s, "victim_contact_actions", ActionColumns, "victim_id", victimId, beforeId, limit);

    // ---- Review applications ----

    public Task InsertReviewApplicationAsync(Session s, ReviewApplicationRecord application) =>
        s.ExecuteAsync(
            $"""
            INSERT INTO victim_review_applications ({ApplicationColumns}, request_hash)
            VALUES (@Id, @NominalId, @ApplicationDate, @ReviewEligibilityDate, @RecordedBy, @RecordTime, @NotifiedVictimIds, '')
            """,
            new
            {
                application.Id, application.NominalId, ApplicationDate = Date(application.ApplicationDate),
                ReviewEligibilityDate = Date(application.ReviewEligibilityDate), application.RecordedBy,
                RecordTime = Time(application.RecordTime), NotifiedVictimIds = JsonSerializer.Serialize(application.NotifiedVictimIds),
            });

    public Task<ReviewApplicationRecord?> FindReviewApplicationAsync(Session s, string nominalId, string applicationId) =>
        FindAsync<ApplicationRow, ReviewApplicationRecord>(s, "victim_review_applications", ApplicationColumns, "nominal_id", nominalId, applicationId);

    /// <summary>One row by its id under its owner (a nominal or a victim); null when there is none.</summary>
    private static async Task<T?> FindAsync<TRow, T>(
        Session s, string table, string columns, string ownerColumn, string ownerId, string id) where TRow : class, IRow<T> where T : class
    {
        var row = await s.SingleOrDefaultAsync<TRow>(
            $"SELECT {columns} FROM {table} WHERE id = @id AND {ownerColumn} = @ownerId", new { ownerId, id });
        return row?.ToRecord();
    }

    /// <summary>One keyset page of a table's rows under one owner (a nominal or a victim), newest first, before the given id.</summary>
    private static async Task<IReadOnlyList<T>> ListNewestFirstAsync<TRow, T>(
        Session s, string table, string columns, string ownerColumn, string ownerId, string? beforeId, int limit) where TRow : IRow<T>
    {
        var rows = await s.QueryAsync<TRow>(
            $"""
            SELECT {columns} FROM {table}
            WHERE {ownerColumn} = @ownerId AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC
            LIMIT @limit
            """, new { ownerId, beforeId, limit });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>A stored row: the record it holds.</summary>
    private interface IRow<out T>
    {
        T ToRecord();
    }

    // ---- Erasure ----

    /// <summary>
    /// Deletes everything the compartment holds about a nominal, children first, and the
    /// idempotency keys of everything created under the nominal: they name its victims.
    /// </summary>
    public async Task EraseAsync(Session session, string nominalId)
    {
        foreach (var table in (string[])["victim_contact_actions", "victim_review_applications", "victim_records"])
        {
            await session.ExecuteAsync(
                $"DELETE FROM {table} WHERE nominal_id = @nominalId", new { nominalId });
        }
        await IdempotencyStore.DeleteUnderAsync(session, NominalNames.Format(nominalId));
    }

    private static string Time(DateTimeOffset t) => StoredTime.Format(t);

    private static DateTimeOffset ParseTime(string s) => StoredTime.Parse(s);

    private static string Date(DateOnly d) => StoredTime.FormatDate(d);

    private static DateOnly ParseDate(string s) => StoredTime.ParseDate(s);

    private sealed class VictimRow : IRow<VictimRecord>
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public string GivenNames { get; set; } = "";
        public string FamilyName { get; set; } = "";
        public string Phone { get; set; } = "";
        public string Email { get; set; } = "";
        public string PostalAddress { get; set; } = "null";
        public long PreferredChannel { get; set; }
        public string RelationshipToOffender { get; set; } = "";
        public long ContactWishes { get; set; }
        public string ContactWishesNote { get; set; } = "";
        public string WishesHistory { get; set; } = "[]";
        public string AssessmentConsiderations { get; set; } = "";
        public string SafetyMeasures { get; set; } = "";
        public long ReviewNotificationRegistered { get; set; }
        public string CreatedBy { get; set; } = "";
        public string CreateTime { get; set; } = "";
        public string UpdateTime { get; set; } = "";
        public long Version { get; set; }

        public static VictimRow From(VictimRecord v) => new()
        {
            Id = v.Id,
            NominalId = v.NominalId,
            GivenNames = v.Details.Name.GivenNames,
            FamilyName = v.Details.Name.FamilyName,
            Phone = v.Details.Phone,
            Email = v.Details.Email,
            PostalAddress = JsonSerializer.Serialize(v.Details.PostalAddress),
            PreferredChannel = (long)v.Details.PreferredChannel,
            RelationshipToOffender = v.Details.RelationshipToOffender,
            ContactWishes = (long)v.Details.ContactWishes,
            ContactWishesNote = v.Details.ContactWishesNote,
            WishesHistory = JsonSerializer.Serialize(v.WishesHistory),
            AssessmentConsiderations = v.Details.AssessmentConsiderations,
            SafetyMeasures = v.Details.SafetyMeasures,
            ReviewNotificationRegistered = v.Details.ReviewNotificationRegistered ? 1 : 0,
            CreatedBy = v.CreatedBy,
            CreateTime = Time(v.CreateTime),
            UpdateTime = Time(v.UpdateTime),
            Version = v.Version,
        };

        public VictimRecord ToRecord() => new(
            Id,
            NominalId,
            new VictimDetails(
                new PersonName(GivenNames, FamilyName),
                Phone,
                Email,
                JsonSerializer.Deserialize<VictimAddressRecord?>(PostalAddress),
                (VictimContactChannel)PreferredChannel,
                RelationshipToOffender,
                (VictimContactWishes)ContactWishes,
                ContactWishesNote,
                AssessmentConsiderations,
                SafetyMeasures,
                ReviewNotificationRegistered != 0),
            JsonSerializer.Deserialize<ContactWishesEntry[]>(WishesHistory) ?? [],
            CreatedBy,
            ParseTime(CreateTime),
            ParseTime(UpdateTime),
            Version);
    }

    private sealed class ActionRow : IRow<VictimContactActionRecord>
    {
        public string Id { get; set; } = "";
        public string VictimId { get; set; } = "";
        public string NominalId { get; set; } = "";
        public long Kind { get; set; }
        public string Purpose { get; set; } = "";
        public string RecordedBy { get; set; } = "";
        public string RecordTime { get; set; } = "";

        public VictimContactActionRecord ToRecord() =>
            new(Id, NominalId, VictimId, (VictimContactActionKind)Kind, Purpose, RecordedBy, ParseTime(RecordTime));
    }

    private sealed class ApplicationRow : IRow<ReviewApplicationRecord>
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public string ApplicationDate { get; set; } = "";
        public string ReviewEligibilityDate { get; set; } = "";
        public string RecordedBy { get; set; } = "";
        public string RecordTime { get; set; } = "";
        public string NotifiedVictimIds { get; set; } = "[]";

        public ReviewApplicationRecord ToRecord() => new(
            Id, NominalId, ParseDate(ApplicationDate), ParseDate(ReviewEligibilityDate), RecordedBy, ParseTime(RecordTime),
            JsonSerializer.Deserialize<string[]>(NotifiedVictimIds) ?? []);
    }
}
