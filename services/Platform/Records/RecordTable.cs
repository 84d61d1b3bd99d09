using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Records;

/// <summary>How a record is written to and read from its row (snake_case columns, PascalCase properties).</summary>
public interface IStoredRow<TRecord, TRow> where TRow : IStoredRow<TRecord, TRow>
{
    static abstract TRow From(TRecord record);

    TRecord ToRecord();
}

/// <summary>Records about nominals, found by id and listed per nominal in one force.</summary>
public interface INominalRecords<T> : IRecordReader<T> where T : class, INominalRecord
{
    /// <summary>A nominal's records in one force, newest first, before <paramref name="beforeId"/> (keyset pagination).</summary>
    Task<IReadOnlyList<T>> ListForNominalAsync(Session session, string force, string nominalId, string? beforeId, int limit);
}

/// <summary>
/// One table of records about nominals, keyed by a UUID v7 id and owned by a force: insert, find by
/// id, and a nominal's records in one force, newest first (keyset pagination). Every method runs in
/// the caller's unit of work.
/// </summary>
public abstract class RecordTable<TRecord, TRow>(string table, string columns) : INominalRecords<TRecord>
    where TRecord : class, INominalRecord
    where TRow : class, IStoredRow<TRecord, TRow>
{
    /// <summary>The insert's parameters, one per column: "nominal_id" is @NominalId.</summary>
    private readonly string _parameters = string.Join(", ", columns.Split(',', StringSplitOptions.TrimEntries).Select(c =>
        "@" + string.Concat(c.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]))));

    protected string Table => table;

    protected string Columns => columns;

    /// <summary>Writes a new record; returns it.</summary>
    public async Task<TRecord> InsertAsync(Session session, TRecord record)
    {
        await session.ExecuteAsync($"INSERT INTO {table} ({columns}) VALUES ({_parameters})", TRow.From(record));
        return record;
    }

    public Task<TRecord?> FindAsync(Session session, string id) =>
        FindOneAsync(session, $"SELECT {columns} FROM {table} WHERE id = @id", new { id });

    public Task<IReadOnlyList<TRecord>> ListForNominalAsync(Session session, string force, string nominalId, string? beforeId, int limit) =>
        QueryAsync(session,
            $"""
            SELECT {columns} FROM {table}
            WHERE force_code = @force AND nominal_id = @nominalId AND (@beforeId IS NULL OR id < @beforeId)
            ORDER BY id DESC
            LIMIT @limit
            """, new { force, nominalId, beforeId, limit });

    /// <summary>The record of a query that selects at most one row (by key, or with LIMIT 1).</summary>
    protected async Task<TRecord?> FindOneAsync(Session session, string sql, object parameters) =>
        (await session.SingleOrDefaultAsync<TRow>(sql, parameters))?.ToRecord();

    protected async Task<IReadOnlyList<TRecord>> QueryAsync(Session session, string sql, object parameters) =>
        (await session.QueryAsync<TRow>(sql, parameters)).Select(r => r.ToRecord()).ToList();
}
