using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Audit;

/// <summary>One entry to append: who did it, and what was done.</summary>
public sealed record AuditedAction(AuditActor Actor, AuditEvent Event);

/// <summary>
/// The one audit writer (R-AU1, R-AU2). It appends inside the caller's transaction, so the entry
/// and the change commit together; if the append fails the exception aborts the whole operation.
/// It appends a batch as readily as one entry: <see cref="ConsultationAppender"/> hands it every
/// waiting consultation at once, and a write's own entry is the batch of one.
/// </summary>
public sealed class AuditWriter(TimeProvider clock, AuditKeyRing keys)
{
    /// <summary>Rows per INSERT statement: 15 parameters each stays far below SQLite's and PostgreSQL's limits.</summary>
    private const int RowsPerInsert = 256;

    private const string InsertColumns =
        "INSERT INTO audit_log (sequence, operation, rpc_method, actor, actor_force, actor_roles, occur_time, subject, " +
        "subject_force, justification, recipients, trace_id, previous_hash, hash, key_id) VALUES ";

    public Task AppendAsync(Session session, AuditActor actor, AuditEvent audited) =>
        AppendAsync(session, [new AuditedAction(actor, audited)]);

    /// <summary>Appends <paramref name="entries"/> in order, as consecutive links of the chain.</summary>
    public async Task AppendAsync(Session session, IReadOnlyList<AuditedAction> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }
        // One claim on the head row for the whole batch: it serialises appenders (of every process
        // on the database) until commit, and reserves the sequences last - count + 1 .. last.
        var head = await session.SingleAsync<(long Sequence, string Hash)>(
            "UPDATE audit_chain_head SET last_sequence = last_sequence + @count WHERE id = 1 RETURNING last_sequence, last_hash",
            new { count = (long)entries.Count });

        var occurTime = StoredTime.Format(clock.GetUtcNow());
        var rows = new AuditRow[entries.Count];
        var previousHash = head.Hash;
        for (var i = 0; i < entries.Count; i++)
        {
            // Sealed with the current key (R-AU2): whoever can write the database cannot recompute it.
            var row = ToRow(head.Sequence - entries.Count + 1 + i, entries[i], occurTime, previousHash) with { KeyId = keys.CurrentKeyId };
            rows[i] = row = row with { Hash = row.ComputeSeal(keys) };
            previousHash = row.Hash;
        }

        for (var start = 0; start < rows.Length; start += RowsPerInsert)
        {
            await InsertAsync(session, rows.AsSpan(start, Math.Min(RowsPerInsert, rows.Length - start)).ToArray());
        }
        await session.ExecuteAsync("UPDATE audit_chain_head SET last_hash = @previousHash WHERE id = 1", new { previousHash });
    }

    private static AuditRow ToRow(long sequence, AuditedAction entry, string occurTime, string previousHash) => new()
    {
        Sequence = sequence,
        Operation = (long)entry.Event.Operation,
        RpcMethod = entry.Actor.RpcMethod,
        Actor = entry.Actor.UserId,
        ActorForce = entry.Actor.Force,
        ActorRoles = JsonSerializer.Serialize(entry.Actor.Roles),
        OccurTime = occurTime,
        Subject = entry.Event.Subject,
        SubjectForce = entry.Event.SubjectForce,
        Justification = entry.Actor.Justification,
        Recipients = JsonSerializer.Serialize(entry.Event.Recipients ?? []),
        TraceId = entry.Actor.TraceId,
        PreviousHash = previousHash,
    };

    /// <summary>One multi-row INSERT: one statement (one round trip) however many entries.</summary>
    private static Task<int> InsertAsync(Session session, AuditRow[] rows)
    {
        var sql = new StringBuilder(InsertColumns, InsertColumns.Length + rows.Length * 120);
        var parameters = new DynamicParameters();
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "(" : ", (")
                .Append(CultureInfo.InvariantCulture, $"@s{n}, @o{n}, @m{n}, @a{n}, @af{n}, @ar{n}, @t{n}, @su{n}, @sf{n}, @j{n}, @r{n}, @tr{n}, @p{n}, @h{n}, @k{n}")
                .Append(')');
            parameters.Add("s" + n, r.Sequence);
            parameters.Add("o" + n, r.Operation);
            parameters.Add("m" + n, r.RpcMethod);
            parameters.Add("a" + n, r.Actor);
            parameters.Add("af" + n, r.ActorForce);
            parameters.Add("ar" + n, r.ActorRoles);
            parameters.Add("t" + n, r.OccurTime);
            parameters.Add("su" + n, r.Subject);
            parameters.Add("sf" + n, r.SubjectForce);
            parameters.Add("j" + n, r.Justification);
            parameters.Add("r" + n, r.Recipients);
            parameters.Add("tr" + n, r.TraceId);
            parameters.Add("p" + n, r.PreviousHash);
            parameters.Add("h" + n, r.Hash);
            parameters.Add("k" + n, r.KeyId);
        }
        return session.ExecuteAsync(sql.ToString(), parameters);
    }
}
