using System.Globalization;
using System.Text;
using Dapper;

using OffenderRisk.Nominals.Storage;

namespace OffenderRisk.Nominals.Search;

/// <summary>One search result: the nominal and why it matched.</summary>
public sealed record NominalSearchHit(NominalRecord Nominal, NameMatch Match);

/// <summary>Where a page of search results ended: results are ordered by match, then newest id.</summary>
public sealed record NominalSearchPosition(NameMatch Match, string Id)
{
    public string Encode() => ((int)Match).ToString(CultureInfo.InvariantCulture) + ":" + Id;

    /// <summary>The position in a page token's key; null when the key is not one.</summary>
    public static NominalSearchPosition? TryParse(string? key)
    {
        var parts = key?.Split(':');
        return parts is { Length: 2 } && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var rank)
            && Enum.IsDefined((NameMatch)rank) && parts[1].Length > 0
            ? new NominalSearchPosition((NameMatch)rank, parts[1])
            : null;
    }
}

/// <summary>
/// The name search index (table <c>nominal_name_keys</c>, see V0020) and the searches that use
/// it. Every write of a nominal must call <see cref="IndexAsync"/> (or <see cref="RemoveAsync"/>
/// on erasure) in the same transaction, so the index never disagrees with a committed nominal.
/// Searches check each found nominal's own force, so a stale key can only miss, never show a
/// record to another force.
/// </summary>
public sealed class NominalSearchIndex(NominalStore store) : IErasureParticipant
{
    /// <summary>At most this many likely duplicates are reported.</summary>
    public const int MaxDuplicates = 20;

    private const int RowsPerInsert = 100;

    /// <summary>Replaces the nominal's keys with those of its current names.</summary>
    public async Task IndexAsync(Session s, NominalRecord nominal)
    {
        await RemoveAsync(s, nominal.Id);
        var keys = NameKeys.For(nominal.Details);
        foreach (var chunk in keys.Chunk(RowsPerInsert))
        {
            var sql = new StringBuilder("INSERT INTO nominal_name_keys (nominal_id, force_code, name_index, key_kind, name_key) VALUES ");
            var p = new DynamicParameters(new { id = nominal.Id, force = nominal.ForceCode });
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}(@id, @force, @n{i}, @k{i}, @v{i})");
                p.Add($"n{i}", (long)chunk[i].NameIndex);
                p.Add($"k{i}", KindCode(chunk[i].Kind));
                p.Add($"v{i}", chunk[i].Value);
            }
            await s.ExecuteAsync(sql.ToString(), p);
        }
    }

    /// <summary>Removes the nominal's keys (erasure).</summary>
    public Task RemoveAsync(Session s, string nominalId) =>
        s.ExecuteAsync("DELETE FROM nominal_name_keys WHERE nominal_id = @nominalId", new { nominalId });

    /// <summary>Erasing a nominal (R-AU1) removes its keys with it.</summary>
    public Task EraseAsync(Session session, string nominalId) =>
        RemoveAsync(session, nominalId);

    /// <summary>
    /// The force's nominals that are likely the same person as <paramref name="details"/>: the same
    /// PNC id, or the same normalised full primary name and date of birth. Newest first.
    /// </summary>
    public async Task<IReadOnlyList<NominalRecord>> FindLikelyDuplicatesAsync(
        Session s, string force, NominalDetails details)
    {
        var samePnc = string.IsNullOrEmpty(details.PncId)
            ? ""
            : "SELECT n.id FROM nominals n WHERE n.force_code = @force AND n.pnc_id = @pnc UNION ";
        var ids = await s.QueryAsync<string>(
            $"""
            SELECT d.id FROM (
                {samePnc}
                SELECT n.id FROM nominal_name_keys k JOIN nominals n ON n.id = k.nominal_id
                WHERE k.force_code = @force AND k.key_kind = 'F' AND k.name_key = @fullName
                  AND n.force_code = @force AND n.date_of_birth = @dob
            ) d
            ORDER BY d.id DESC
            LIMIT @limit
            """,
            new
            {
                force,
                pnc = details.PncId,
                fullName = NameKeys.FullName(details.PrimaryName),
                dob = StoredTime.FormatDate(details.DateOfBirth),
                limit = MaxDuplicates,
            });
        return await LoadAsync(s, ids);
    }

    /// <summary>
    /// One page of the force's nominals matching <paramref name="criteria"/>, after
    /// <paramref name="after"/>: exact name matches first, then alias, then phonetic; newest first
    /// within each. Name words are looked up by key in the index; the nominal's own columns then
    /// filter by date of birth and identifiers.
    /// </summary>
    public async Task<IReadOnlyList<NominalSearchHit>> SearchAsync(
        Session s, string force, NominalSearchCriteria criteria, NominalSearchPosition? after, int limit)
    {
        var p = new DynamicParameters(new { force, limit });
        var filters = new StringBuilder();
        if (criteria.DateOfBirth is { } dob)
        {
            filters.Append(" AND n.date_of_birth = @dob");
            p.Add("dob", StoredTime.FormatDate(dob));
        }
        if (criteria.PncId is { } pnc)
        {
            filters.Append(" AND n.pnc_id = @pnc");
            p.Add("pnc", pnc);
        }
        if (criteria.VisorReference is { } visor)
        {
            filters.Append(" AND n.visor_reference = @visor");
            p.Add("visor", visor);
        }
        if (after is not null)
        {
            p.Add("afterRank", (long)after.Match);
            p.Add("afterId", after.Id);
        }

        string sql;
        if (!criteria.HasName)
        {
            var keyset = after is null ? "" : " AND n.id < @afterId";
            sql = $"""
                SELECT n.id AS id, CAST({(int)NameMatch.Identifier} AS BIGINT) AS match_rank FROM nominals n
                WHERE n.force_code = @force{filters}{keyset}
                ORDER BY n.id DESC
                LIMIT @limit
                """;
        }
        else
        {
            sql = NameSearchSql(criteria, p, filters.ToString(), after is not null);
        }

        var rows = (await s.QueryAsync<HitRow>(sql, p)).ToList();
        var records = await LoadAsync(s, rows.Select(r => r.Id));
        // A key left with a stale force can only hide a nominal, never show another force's.
        var byId = records.Where(r => r.ForceCode == force).ToDictionary(r => r.Id, StringComparer.Ordinal);
        return rows.Where(r => byId.ContainsKey(r.Id)).Select(r => new NominalSearchHit(byId[r.Id], (NameMatch)r.MatchRank)).ToList();
    }

    /// <summary>
    /// Per searched word, the (nominal, name) pairs having it as a word (exact) or a sound code
    /// (fuzzy); joined so that every word matches the same name; ranked per nominal by its best
    /// name: primary exact 0, alias exact 1, by sound 2.
    /// </summary>
    private static string NameSearchSql(NominalSearchCriteria criteria, DynamicParameters p, string filters, bool paged)
    {
        var sql = new StringBuilder("WITH ");
        for (var i = 0; i < criteria.Words.Count; i++)
        {
            var word = criteria.Words[i];
            p.Add($"w{i}", word.Word);
            sql.Append(CultureInfo.InvariantCulture, $"""
                t{i} AS (
                    SELECT m.nominal_id, m.name_index, MIN(m.fuzzy) AS fuzzy FROM (
                        SELECT nominal_id, name_index, 0 AS fuzzy FROM nominal_name_keys
                        WHERE force_code = @force AND key_kind = 'W' AND name_key = @w{i}
                """);
            if (word.PhoneticKeys.Count > 0)
            {
                var codes = string.Join(", ", word.PhoneticKeys.Select((code, j) =>
                {
                    p.Add($"p{i}x{j}", code);
                    return $"@p{i}x{j}";
                }));
                sql.Append(CultureInfo.InvariantCulture, $"""

                        UNION ALL
                        SELECT nominal_id, name_index, 1 AS fuzzy FROM nominal_name_keys
                        WHERE force_code = @force AND key_kind = 'P' AND name_key IN ({codes})
                """);
            }
            sql.Append("""

                    ) m
                    GROUP BY m.nominal_id, m.name_index
                ),

                """);
        }

        var fuzzy = string.Join(" + ", Enumerable.Range(0, criteria.Words.Count).Select(i => $"t{i}.fuzzy"));
        var joins = string.Concat(Enumerable.Range(1, criteria.Words.Count - 1).Select(i =>
            $" JOIN t{i} ON t{i}.nominal_id = t0.nominal_id AND t{i}.name_index = t0.name_index"));
        var keyset = paged ? " AND (r.match_rank > @afterRank OR (r.match_rank = @afterRank AND r.nominal_id < @afterId))" : "";
        // Without other criteria the nominals table is not joined: a common surname has hundreds
        // of candidates, and the keys already carry the force (LoadAsync checks it again).
        var source = filters.Length == 0
            ? "ranked r WHERE 1 = 1"
            : "ranked r JOIN nominals n ON n.id = r.nominal_id WHERE n.force_code = @force" + filters;
        sql.Append(CultureInfo.InvariantCulture, $"""
            ranked AS (
                SELECT t0.nominal_id,
                    CAST(MIN(CASE WHEN {fuzzy} > 0 THEN {(int)NameMatch.Phonetic} WHEN t0.name_index = 0 THEN {(int)NameMatch.ExactName} ELSE {(int)NameMatch.Alias} END) AS BIGINT) AS match_rank
                FROM t0{joins}
                GROUP BY t0.nominal_id
            )
            SELECT r.nominal_id AS id, r.match_rank AS match_rank
            FROM {source}{keyset}
            ORDER BY r.match_rank, r.nominal_id DESC
            LIMIT @limit
            """);
        return sql.ToString();
    }

    /// <summary>
    /// Indexes every nominal that has no keys yet (those written before the index existed), in
    /// batches, each in its own short transaction. Returns how many it indexed.
    /// </summary>
    public async Task<int> BackfillAsync(Database database, CancellationToken ct, int batchSize = 200)
    {
        var indexed = 0;
        var afterId = "";
        while (true)
        {
            var ids = await database.InTransactionAsync(s => s.QueryAsync<string>(
                """
                SELECT n.id FROM nominals n
                WHERE n.id > @afterId AND NOT EXISTS (SELECT 1 FROM nominal_name_keys k WHERE k.nominal_id = n.id)
                ORDER BY n.id
                LIMIT @batchSize
                """, new { afterId, batchSize }), ct);
            if (ids.Count == 0)
            {
                return indexed;
            }
            indexed += await database.InTransactionAsync(async s =>
            {
                var count = 0;
                foreach (var id in ids)
                {
                    // A no-op update locks the row (PostgreSQL; SQLite transactions are already
                    // exclusive), so a concurrent update waits and then writes its own keys.
                    var exists = await s.ExecuteAsync(
                        "UPDATE nominals SET version = version WHERE id = @id", new { id }) == 1;
                    var hasKeys = await s.ScalarAsync<long>(
                        "SELECT COUNT(*) FROM nominal_name_keys WHERE nominal_id = @id", new { id }) > 0;
                    if (!exists || hasKeys || await store.FindAsync(s, id) is not { } nominal)
                    {
                        continue;
                    }
                    await IndexAsync(s, nominal);
                    count++;
                }
                return count;
            }, ct);
            afterId = ids[^1];
        }
    }

    /// <summary>The nominals, in the order of <paramref name="ids"/>, in one query.</summary>
    private async Task<IReadOnlyList<NominalRecord>> LoadAsync(Session s, IEnumerable<string> ids)
    {
        var order = ids.ToList();
        var byId = (await store.FindManyAsync(s, order)).ToDictionary(n => n.Id);
        return order.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    private static string KindCode(NameKeyKind kind) => kind switch
    {
        NameKeyKind.Word => "W",
        NameKeyKind.Phonetic => "P",
        NameKeyKind.FullName => "F",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private sealed class HitRow
    {
        public string Id { get; set; } = "";
        public long MatchRank { get; set; }
    }
}
