using System.Data.Common;
using System.Text.Json;
using Dapper;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.IdentityChecks.Storage;

/// <summary>What one agency said during a credential check.</summary>
public sealed record AgencyResultRecord(Agency Agency, string EnquiryId, bool Found, bool Deduplicated);

/// <summary>A recorded credential check (R-IC2).</summary>
public sealed record CredentialCheckRecord(
    string Id, string NominalId, string ForceCode, EnquiryGround Ground, string PncId, string DrivingLicenceNumber, string PassportNumber,
    CredentialObservations Observations, IReadOnlyList<AgencyResultRecord> AgencyResults, IReadOnlyList<CredentialDiscrepancy> Discrepancies,
    int EarlierChecksCompared, NotificationState NotificationState, string WorkItem, string CheckedBy, DateTimeOffset CheckTime)
{
    public string ResourceName => CredentialCheckNames.Format(Id);

    public string Nominal => NominalNames.Format(NominalId);
}

/// <summary>Credential check rows. Every method runs inside the caller's transaction.</summary>
public sealed class CredentialCheckStore
{
    private const string Columns =
        "id, nominal_id, force_code, ground, pnc_id, driving_licence_number, passport_number, observations, agency_results, discrepancies, "
        + "earlier_checks_compared, notification_state, work_item, checked_by, check_time";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    public Task InsertAsync(DbConnection c, DbTransaction tx, CredentialCheckRecord r, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO credential_checks ({Columns})
            VALUES (@Id, @NominalId, @ForceCode, @Ground, @PncId, @DrivingLicenceNumber, @PassportNumber, @Observations, @AgencyResults, @Discrepancies,
                    @EarlierChecksCompared, @NotificationState, @WorkItem, @CheckedBy, @CheckTime)
            """, Row.From(r), tx, cancellationToken: ct));

    public async Task<CredentialCheckRecord?> FindAsync(DbConnection c, DbTransaction tx, string id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM credential_checks WHERE id = @id", new { id }, tx, cancellationToken: ct));
        return row?.ToRecord();
    }

    /// <summary>A nominal's checks in one force, newest first, before the given id; a null limit reads them all.</summary>
    public async Task<IReadOnlyList<CredentialCheckRecord>> ListForNominalAsync(DbConnection c, DbTransaction tx, string force, string nominalId,
        string? beforeId, int limit, CancellationToken ct)
    {
        var rows = await c.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM credential_checks
            WHERE force_code = @force AND nominal_id = @nominalId AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC
            LIMIT @limit
            """, new { force, nominalId, beforeId, limit }, tx, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public Task UpdateNotificationAsync(DbConnection c, DbTransaction tx, string id, NotificationState state, string workItem, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            "UPDATE credential_checks SET notification_state = @state, work_item = @workItem WHERE id = @id",
            new { id, state = (long)state, workItem }, tx, cancellationToken: ct));

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string NominalId { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public long Ground { get; set; }
        public string PncId { get; set; } = "";
        public string DrivingLicenceNumber { get; set; } = "";
        public string PassportNumber { get; set; } = "";
        public string Observations { get; set; } = "";
        public string AgencyResults { get; set; } = "[]";
        public string Discrepancies { get; set; } = "[]";
        public long EarlierChecksCompared { get; set; }
        public long NotificationState { get; set; }
        public string WorkItem { get; set; } = "";
        public string CheckedBy { get; set; } = "";
        public string CheckTime { get; set; } = "";

        public static Row From(CredentialCheckRecord r) => new()
        {
            Id = r.Id, NominalId = r.NominalId, ForceCode = r.ForceCode, Ground = (long)r.Ground, PncId = r.PncId,
            DrivingLicenceNumber = r.DrivingLicenceNumber, PassportNumber = r.PassportNumber,
            Observations = JsonSerializer.Serialize(r.Observations, Json), AgencyResults = JsonSerializer.Serialize(r.AgencyResults, Json),
            Discrepancies = JsonSerializer.Serialize(r.Discrepancies, Json), EarlierChecksCompared = r.EarlierChecksCompared,
            NotificationState = (long)r.NotificationState, WorkItem = r.WorkItem, CheckedBy = r.CheckedBy, CheckTime = StoredTime.Format(r.CheckTime),
        };

        public CredentialCheckRecord ToRecord() => new(Id, NominalId, ForceCode, (EnquiryGround)Ground, PncId, DrivingLicenceNumber, PassportNumber,
            JsonSerializer.Deserialize<CredentialObservations>(Observations, Json) ?? CredentialObservations.Empty,
            JsonSerializer.Deserialize<List<AgencyResultRecord>>(AgencyResults, Json) ?? [],
            JsonSerializer.Deserialize<List<CredentialDiscrepancy>>(Discrepancies, Json) ?? [],
            (int)EarlierChecksCompared, (NotificationState)NotificationState, WorkItem, CheckedBy, StoredTime.Parse(CheckTime));
    }
}
