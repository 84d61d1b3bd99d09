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
/// <remarks>
/// A table kept by the service that owns the nominals themselves need not copy the force onto its
/// rows: with <paramref name="forceFromNominalsTable"/> (that service's nominals table, keyed by id)
/// the table has no force_code column, the force is read from the row's nominal, and a transfer
/// of the nominal takes the rows along without touching them (<see cref="MoveNominalAsync"/> only
/// drops the idempotency keys). <paramref name="columns"/> then names force_code too, as read.
/// </remarks>
public abstract class RecordTable<TRecord, TRow>(string table, string columns, string? forceFromNominalsTable = null) : INominalRecords<TRecord>, INominalHoldings
    where TRecord : class, INominalRecord
    where TRow : class, IStoredRow<TRecord, TRow>
{
    /// <summary>The insert: every column (less force_code when the force is the nominal's), one parameter each ("nominal_id" is @NominalId).</summary>
    private readonly string _insert = InsertOf(table, columns.Split(',', StringSplitOptions.TrimEntries)
        .Where(c => forceFromNominalsTable is null || c != "force_code").ToArray());

    /// <summary>The rows as read: the table itself, or the table with its nominal's force joined in under the table's name.</summary>
    private readonly string _source = forceFromNominalsTable is null
        ? table
        : $"(SELECT r.*, n.force_code FROM {table} r JOIN {forceFromNominalsTable} n ON n.id = r.nominal_id) {table}";

    protected string Table => table;

    protected string Columns => columns;

    /// <summary>What a query reads its rows from (FROM {Source}): the table, with the force joined in when it is the nominal's.</summary>
    protected string Source => _source;

    /// <summary>Writes a new record; returns it.</summary>
    public async Task<TRecord> InsertAsync(Session session, TRecord record)
    {
        await session.ExecuteAsync(_insert, TRow.From(record));
        return record;
    }

    public Task<TRecord?> FindAsync(Session session, string id) =>
        FindOneAsync(session, $"SELECT {columns} FROM {_source} WHERE id = @id", new { id });

    public Task<IReadOnlyList<TRecord>> ListForNominalAsync(Session session, string force, string nominalId, string? beforeId, int limit) =>
        QueryAsync(session,
            $"""
            SELECT {columns} FROM {_source}
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
        return forceFromNominalsTable is not null
            ? 0
            : await session.ExecuteAsync(
                $"UPDATE {table} SET force_code = @force WHERE nominal_id = @nominalId AND force_code <> @force", new { nominalId, force });
    }

    private async Task<IReadOnlyList<string>> ResourceNamesOfAsync(Session session, string nominalId) =>
        (await QueryAsync(session, $"SELECT {columns} FROM {_source} WHERE nominal_id = @nominalId", new { nominalId }))
            .Select(r => r.ResourceName).ToList();

    private static string InsertOf(string table, string[] written) =>
        $"INSERT INTO {table} ({string.Join(", ", written)}) VALUES ({string.Join(", ", written.Select(c =>
            "@" + string.Concat(c.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..]))))})";

    /// <summary>The record of a query that selects at most one row (by key, or with LIMIT 1).</summary>
    protected async Task<TRecord?> FindOneAsync(Session session, string sql, object parameters) =>
        (await session.SingleOrDefaultAsync<TRow>(sql, parameters))?.ToRecord();

    protected async Task<IReadOnlyList<TRecord>> QueryAsync(Session session, string sql, object parameters) =>
        (await session.QueryAsync<TRow>(sql, parameters)).Select(r => r.ToRecord()).ToList();
}
