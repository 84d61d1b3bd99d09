using System.Globalization;
using System.Text.Json;
using Dapper;

namespace OffenderRisk.Nominals.Storage;

/// <summary>Nominal rows. Every method runs inside the caller's unit of work (a session).</summary>
public sealed class NominalStore : IRecordStore<NominalRecord>
{
    private const string Columns =
        "id, force_code, given_names, family_name, aliases, date_of_birth, gender, pnc_id, visor_reference, category, management_status, create_time, update_time, version, addresses, mosovo_officer, flagged_for_review, management";

    public Task InsertAsync(Session s, NominalRecord n) =>
        s.ExecuteAsync(
            $"""
            INSERT INTO nominals ({Columns})
            VALUES (@Id, @ForceCode, @GivenNames, @FamilyName, @Aliases, @DateOfBirth, @Gender, @PncId, @VisorReference,
                    @Category, @ManagementStatus, @CreateTime, @UpdateTime, @Version, @Addresses, @MosovoOfficer,
                    @FlaggedForReview, @Management)
            """, NominalRow.From(n));

    public async Task<NominalRecord?> FindAsync(Session session, string id)
    {
        var row = await session.SingleOrDefaultAsync<NominalRow>(
            $"SELECT {Columns} FROM nominals WHERE id = @id", new { id });
        return row?.ToRecord();
    }

    /// <summary>The nominals with these ids that exist, in no particular order.</summary>
    public async Task<IReadOnlyList<NominalRecord>> FindManyAsync(Session s, IReadOnlyCollection<string> ids)
    {
        if (ids.Count == 0)
        {
            return [];
        }
        // An explicit parameter list: Dapper sends a list to Npgsql as one array, which IN does not take.
        var parameters = new DynamicParameters();
        var names = ids.Select((id, i) =>
        {
            parameters.Add("id" + i.ToString(CultureInfo.InvariantCulture), id);
            return "@id" + i.ToString(CultureInfo.InvariantCulture);
        }).ToList();
        var rows = await s.QueryAsync<NominalRow>(
            $"SELECT {Columns} FROM nominals WHERE id IN ({string.Join(", ", names)})", parameters);
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>A force's nominals, newest first, after the given id (keyset pagination).</summary>
    public async Task<IReadOnlyList<NominalRecord>> ListAsync(Session s, string force, string? beforeId, int limit)
    {
        var rows = await s.QueryAsync<NominalRow>(
            $"""
            SELECT {Columns} FROM nominals
            WHERE force_code = @force AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC
            LIMIT @limit
            """, new { force, beforeId, limit });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>An officer's caseload in a force, newest first, keyset-paginated like ListAsync.</summary>
    public async Task<IReadOnlyList<NominalRecord>> ListCaseloadAsync(Session s, string force, string officer, string? beforeId, int limit)
    {
        var rows = await s.QueryAsync<NominalRow>(
            $"""
            SELECT {Columns} FROM nominals
            WHERE force_code = @force AND mosovo_officer = @officer AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC
            LIMIT @limit
            """, new { force, officer, beforeId, limit });
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Removes the nominal row (erasure, R-AU1). Dependent rows are removed by their own stores.</summary>
    public Task DeleteAsync(Session s, string id) =>
        s.ExecuteAsync("DELETE FROM nominals WHERE id = @id", new { id });

    /// <summary>Writes the record if its stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateAsync(Session session, NominalRecord updated, long expectedVersion)
    {
        var row = NominalRow.From(updated);
        var changed = await session.ExecuteAsync(
            """
            UPDATE nominals SET given_names = @GivenNames, family_name = @FamilyName, aliases = @Aliases,
                date_of_birth = @DateOfBirth, gender = @Gender, pnc_id = @PncId, visor_reference = @VisorReference,
                category = @Category, management_status = @ManagementStatus, update_time = @UpdateTime, version = @Version,
                force_code = @ForceCode, addresses = @Addresses, mosovo_officer = @MosovoOfficer,
                flagged_for_review = @FlaggedForReview, management = @Management
            WHERE id = @Id AND version = @ExpectedVersion
            """,
            new
            {
                row.Id, row.GivenNames, row.FamilyName, row.Aliases, row.DateOfBirth, row.Gender, row.PncId, row.VisorReference,
                row.Category, row.ManagementStatus, row.UpdateTime, row.Version, row.ForceCode, row.Addresses,
                row.MosovoOfficer, row.FlaggedForReview, row.Management, ExpectedVersion = expectedVersion,
            });
        return changed == 1;
    }

    private sealed class NominalRow
    {
        public string Id { get; set; } = "";
        public string ForceCode { get; set; } = "";
        public string GivenNames { get; set; } = "";
        public string FamilyName { get; set; } = "";
        public string Aliases { get; set; } = "[]";
        public string DateOfBirth { get; set; } = "";
        public long Gender { get; set; }
        public string PncId { get; set; } = "";
        public string VisorReference { get; set; } = "";
        public long Category { get; set; }
        public long ManagementStatus { get; set; }
        public string CreateTime { get; set; } = "";
        public string UpdateTime { get; set; } = "";
        public long Version { get; set; }
        public string Addresses { get; set; } = "[]";
        public string MosovoOfficer { get; set; } = "";
        public long FlaggedForReview { get; set; }
        public string Management { get; set; } = "{}";

        public static NominalRow From(NominalRecord n) => new()
        {
            Id = n.Id,
            ForceCode = n.ForceCode,
            GivenNames = n.Details.PrimaryName.GivenNames,
            FamilyName = n.Details.PrimaryName.FamilyName,
            Aliases = JsonSerializer.Serialize(n.Details.Aliases),
            DateOfBirth = StoredTime.FormatDate(n.Details.DateOfBirth),
            Gender = (long)n.Details.Gender,
            PncId = n.Details.PncId,
            VisorReference = n.Details.VisorReference,
            Category = (long)n.Details.Category,
            ManagementStatus = (long)n.Status,
            CreateTime = StoredTime.Format(n.CreateTime),
            UpdateTime = StoredTime.Format(n.UpdateTime),
            Version = n.Version,
            Addresses = JsonSerializer.Serialize(n.Details.Addresses),
            MosovoOfficer = n.Management.MosovoOfficer,
            FlaggedForReview = n.Management.FlaggedForReview ? 1 : 0,
            Management = JsonSerializer.Serialize(n.Management),
        };

        public NominalRecord ToRecord() => new(
            Id,
            ForceCode,
            new NominalDetails(
                new PersonName(GivenNames, FamilyName),
                JsonSerializer.Deserialize<PersonName[]>(Aliases) ?? [],
                StoredTime.ParseDate(DateOfBirth),
                (Gender)Gender,
                PncId,
                VisorReference,
                (NominalCategory)Category,
                JsonSerializer.Deserialize<AddressRecord[]>(Addresses) ?? []),
            (ManagementStatus)ManagementStatus,
            StoredTime.Parse(CreateTime),
            StoredTime.Parse(UpdateTime),
            Version,
            JsonSerializer.Deserialize<NominalManagement>(Management) ?? NominalManagement.None);
    }
}
