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
/// id, a nominal's records in one force, newest first (keyset pagination), and the nominal's rows
/// erased or moved with it (<see cref="INominalHoldings"/>). Every method runs in the caller's
/// unit of work.
/// </summary>
public abstract class RecordTable<TRecord, TRow>(string table, string columns) : INominalRecords<TRecord>, INominalHoldings
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

    /// <summary>
    /// R-AU1: deletes the nominal's rows in every force, with the idempotency keys that name them
    /// (a key may hold the created record as its stored answer).
    /// </summary>
    public async Task<int> EraseNominalAsync(Session session, string nominalId)
    {
        await IdempotencyStore.DeleteForAsync(session, await ResourceNamesOfAsync(session, nominalId));
        return await session.ExecuteAsync($"DELETE FROM {table} WHERE nominal_id = @nominalId", new { nominalId });
    }

    /// <summary>
    /// Gives the nominal's rows to <paramref name="force"/> (an accepted transfer). Their idempotency
    /// keys go: a key is scoped to the force that made it, and its stored answer must not be
    /// replayed to a force that no longer owns the record.
    /// </summary>
    public async Task<int> MoveNominalAsync(Session session, string nominalId, string force)
    {
        await IdempotencyStore.DeleteForAsync(session, await ResourceNamesOfAsync(session, nominalId));
        return await session.ExecuteAsync(
            $"UPDATE {table} SET force_code = @force WHERE nominal_id = @nominalId AND force_code <> @force", new { nominalId, force });
    }

    private async Task<IReadOnlyList<string>> ResourceNamesOfAsync(Session session, string nominalId) =>
        (await QueryAsync(session, $"SELECT {columns} FROM {table} WHERE nominal_id = @nominalId", new { nominalId }))
            .Select(r => r.ResourceName).ToList();

    /// <summary>The record of a query that selects at most one row (by key, or with LIMIT 1).</summary>
    protected async Task<TRecord?> FindOneAsync(Session session, string sql, object parameters) =>
        (await session.SingleOrDefaultAsync<TRow>(sql, parameters))?.ToRecord();

    protected async Task<IReadOnlyList<TRecord>> QueryAsync(Session session, string sql, object parameters) =>
        (await session.QueryAsync<TRow>(sql, parameters)).Select(r => r.ToRecord()).ToList();
}
