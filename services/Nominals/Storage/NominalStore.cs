using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Nominals.Domain;

namespace OffenderRisk.Nominals.Storage;

/// <summary>Nominal rows. Every method runs inside the caller's transaction.</summary>
public sealed class NominalStore
{
    private const string Columns =
        "id, force_code, given_names, family_name, aliases, date_of_birth, gender, pnc_id, visor_reference, category, management_status, create_time, update_time, version";

    public Task InsertAsync(DbConnection c, DbTransaction tx, NominalRecord n, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO nominals ({Columns})
            VALUES (@Id, @ForceCode, @GivenNames, @FamilyName, @Aliases, @DateOfBirth, @Gender, @PncId, @VisorReference,
                    @Category, @ManagementStatus, @CreateTime, @UpdateTime, @Version)
            """, NominalRow.From(n), tx, cancellationToken: ct));

    public async Task<NominalRecord?> FindAsync(DbConnection c, DbTransaction tx, string id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<NominalRow>(new CommandDefinition(
            $"SELECT {Columns} FROM nominals WHERE id = @id", new { id }, tx, cancellationToken: ct));
        return row?.ToRecord();
    }

    /// <summary>A force's nominals, newest first, after the given id (keyset pagination).</summary>
    public async Task<IReadOnlyList<NominalRecord>> ListAsync(DbConnection c, DbTransaction tx, string force, string? beforeId, int limit, CancellationToken ct)
    {
        var rows = await c.QueryAsync<NominalRow>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM nominals
            WHERE force_code = @force AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC
            LIMIT @limit
            """, new { force, beforeId, limit }, tx, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Writes the record if its stored version is still <paramref name="expectedVersion"/>.</summary>
    public async Task<bool> UpdateAsync(DbConnection c, DbTransaction tx, NominalRecord n, long expectedVersion, CancellationToken ct)
    {
        var row = NominalRow.From(n);
        var changed = await c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE nominals SET given_names = @GivenNames, family_name = @FamilyName, aliases = @Aliases,
                date_of_birth = @DateOfBirth, gender = @Gender, pnc_id = @PncId, visor_reference = @VisorReference,
                category = @Category, management_status = @ManagementStatus, update_time = @UpdateTime, version = @Version
            WHERE id = @Id AND version = @ExpectedVersion
            """,
            new
            {
                row.Id, row.GivenNames, row.FamilyName, row.Aliases, row.DateOfBirth, row.Gender, row.PncId, row.VisorReference,
                row.Category, row.ManagementStatus, row.UpdateTime, row.Version, ExpectedVersion = expectedVersion,
            }, tx, cancellationToken: ct));
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

        public static NominalRow From(NominalRecord n) => new()
        {
            Id = n.Id,
            ForceCode = n.ForceCode,
            GivenNames = n.Details.PrimaryName.GivenNames,
            FamilyName = n.Details.PrimaryName.FamilyName,
            Aliases = JsonSerializer.Serialize(n.Details.Aliases),
            DateOfBirth = n.Details.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Gender = (long)n.Details.Gender,
            PncId = n.Details.PncId,
            VisorReference = n.Details.VisorReference,
            Category = (long)n.Details.Category,
            ManagementStatus = (long)n.Status,
            CreateTime = n.CreateTime.ToString("O", CultureInfo.InvariantCulture),
            UpdateTime = n.UpdateTime.ToString("O", CultureInfo.InvariantCulture),
            Version = n.Version,
        };

        public NominalRecord ToRecord() => new(
            Id,
            ForceCode,
            new NominalDetails(
                new PersonName(GivenNames, FamilyName),
                JsonSerializer.Deserialize<PersonName[]>(Aliases) ?? [],
                DateOnly.ParseExact(DateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                (Gender)Gender,
                PncId,
                VisorReference,
                (NominalCategory)Category),
            (ManagementStatus)ManagementStatus,
            DateTimeOffset.Parse(CreateTime, CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(UpdateTime, CultureInfo.InvariantCulture),
            Version);
    }
}
