using System.Globalization;
using Dapper;
using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Audit;

/// <summary>
/// Proves the chain (R-AU2): every entry must carry its key's seal over its content and its
/// predecessor's hash, follow it without a gap, and the head row must point at the last entry; the
/// chain must reach and match the last checkpoint kept outside the database, so a tail cut back
/// below it, or anything it covers rewritten, is detected even with every later hash recomputed.
/// Entries from before the keys (no key id) pass with their keyless hash only up to the legacy
/// boundary the checkpoints carry. The chain is read in one snapshot, taken after the checkpoint,
/// so entries appended meanwhile are neither half-seen nor reported as tampering.
/// </summary>
public sealed class AuditChainVerifier(Database database, AuditKeyRing keys, IAuditCheckpointStore checkpoints, string log, TimeProvider clock)
{
    /// <summary>Walks the whole chain and compares it with the last checkpoint.</summary>
    public async Task<VerifyAuditLogResponse> VerifyAsync(CancellationToken ct)
    {
        var checkpoint = await checkpoints.LatestAsync(ct);
        if (checkpoint?.SealProblem(keys, log) is { } problem)
        {
            return Response(Verdict.Broken(0, checkpoint.Sequence, problem), checkpoint);
        }
        var verdict = await database.ReadAsync(s => WalkAsync(s, from: null, checkpoint, checkpoint?.LegacyThrough ?? 0), ct);
        return Response(verdict, checkpoint);
    }

    /// <summary>
    /// Verifies what was appended since the last checkpoint and, when it holds and the head has
    /// moved, writes a new checkpoint of the head. Returns the latest checkpoint (null when the
    /// chain is broken) and the verdict.
    /// </summary>
    public async Task<(AuditCheckpoint? Checkpoint, VerifyAuditLogResponse Verdict)> CheckpointAsync(CancellationToken ct)
    {
        var last = await checkpoints.LatestAsync(ct);
        if (last?.SealProblem(keys, log) is { } problem)
        {
            return (null, Response(Verdict.Broken(0, last.Sequence, problem), last));
        }
        // The first checkpoint adopts the entries from before the keys, as long as they come first;
        // every later one carries that boundary forward.
        var verdict = await database.ReadAsync(s => WalkAsync(s, from: last, last, last?.LegacyThrough ?? long.MaxValue), ct);
        if (!verdict.Intact)
        {
            return (null, Response(verdict, last));
        }
        if (last is not null && last.Sequence == verdict.HeadSequence && last.Hash == verdict.HeadHash)
        {
            return (last, Response(verdict, last));
        }
        var next = new AuditCheckpoint(log, verdict.HeadSequence, verdict.HeadHash, last?.LegacyThrough ?? verdict.LastLegacy,
            clock.GetUtcNow(), keys.CurrentKeyId);
        next = next with { Seal = next.ComputeSeal(keys) };
        await checkpoints.AppendAsync(next, ct);
        return (next, Response(verdict, next));
    }

    /// <summary>
    /// Walks the chain after <paramref name="from"/> (from the first entry when null) to the head,
    /// checking the entry that <paramref name="checkpoint"/> names against it and that the head has
    /// not fallen below it.
    /// </summary>
    private async Task<Verdict> WalkAsync(Session session, AuditCheckpoint? from, AuditCheckpoint? checkpoint, long legacyThrough)
    {
        var head = await session.SingleAsync<(long Sequence, string Hash)>("SELECT last_sequence, last_hash FROM audit_chain_head WHERE id = 1");

        var expectedSequence = 1L;
        var previousHash = AuditRow.GenesisHash;
        var keyed = false;
        if (from is { Sequence: > 0 })
        {
            var found = await session.QueryAsync<(string Hash, string KeyId)>(
                "SELECT hash, key_id FROM audit_log WHERE sequence = @s", new { s = from.Sequence });
            var anchored = found.Count > 0 ? found[0] : default;
            if (anchored.Hash != from.Hash)
            {
                return Verdict.Broken(0, from.Sequence, $"entry {from.Sequence} is missing or differs from the last checkpoint ({Describe(from)})");
            }
            expectedSequence = from.Sequence + 1;
            previousHash = from.Hash;
            keyed = anchored.KeyId.Length > 0;
        }

        var checkedCount = 0L;
        var lastLegacy = 0L;
        var rows = session.Connection.QueryUnbufferedAsync<AuditRow>(
            $"SELECT {AuditRow.SelectColumns} FROM audit_log WHERE sequence >= @first AND sequence <= @last ORDER BY sequence",
            new { first = expectedSequence, last = head.Sequence }, session.Transaction);
        await foreach (var row in rows.WithCancellation(session.CancellationToken))
        {
            if (row.Sequence != expectedSequence)
            {
                return Verdict.Broken(checkedCount, expectedSequence, $"entry {expectedSequence} is missing");
            }
            if (row.PreviousHash != previousHash)
            {
                return Verdict.Broken(checkedCount, row.Sequence, "the link to the previous entry does not match");
            }
            if (row.KeyId.Length == 0)
            {
                if (keyed || row.Sequence > legacyThrough)
                {
                    return Verdict.Broken(checkedCount, row.Sequence,
                        "the entry carries no key's seal, which only entries written before the audit keys may (up to the boundary the checkpoints record)");
                }
                if (row.ComputeLegacyHash() != row.Hash)
                {
                    return Verdict.Broken(checkedCount, row.Sequence, "the entry's content does not match its hash");
                }
                lastLegacy = row.Sequence;
            }
            else
            {
                if (!keys.Holds(row.KeyId))
                {
                    return Verdict.Broken(checkedCount, row.Sequence, $"the entry is sealed with key '{row.KeyId}', which is not configured");
                }
                if (row.ComputeSeal(keys) != row.Hash)
                {
                    return Verdict.Broken(checkedCount, row.Sequence, "the entry's content does not match its seal");
                }
                keyed = true;
            }
            if (checkpoint is not null && row.Sequence == checkpoint.Sequence && row.Hash != checkpoint.Hash)
            {
                return Verdict.Broken(checkedCount, row.Sequence, $"the entry differs from the last checkpoint ({Describe(checkpoint)})");
            }
            previousHash = row.Hash;
            expectedSequence++;
            checkedCount++;
        }
        if (expectedSequence - 1 != head.Sequence || previousHash != head.Hash)
        {
            return Verdict.Broken(checkedCount, expectedSequence, "entries at the end of the log are missing or altered");
        }
        var extra = await session.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE sequence > @last", new { last = head.Sequence });
        if (extra > 0)
        {
            return Verdict.Broken(checkedCount, head.Sequence + 1, "entries were added outside the chain");
        }
        if (checkpoint is not null && head.Sequence < checkpoint.Sequence)
        {
            return Verdict.Broken(checkedCount, head.Sequence + 1,
                $"the log ends at entry {head.Sequence}, before the last checkpoint ({Describe(checkpoint)}): entries {head.Sequence + 1} to {checkpoint.Sequence} were removed");
        }
        return new Verdict(true, checkedCount, 0, "", head.Sequence, head.Hash, lastLegacy);
    }

    private static string Describe(AuditCheckpoint c) =>
        string.Create(CultureInfo.InvariantCulture, $"entry {c.Sequence} at {c.CreateTime.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");

    private static VerifyAuditLogResponse Response(Verdict v, AuditCheckpoint? checkpoint)
    {
        var response = new VerifyAuditLogResponse
        {
            Intact = v.Intact,
            EntriesChecked = v.Checked,
            FirstBrokenSequence = v.FirstBroken,
            Problem = v.Problem,
            CheckpointSequence = checkpoint?.Sequence ?? 0,
        };
        if (checkpoint is not null)
        {
            response.CheckpointTime = Timestamp.FromDateTimeOffset(checkpoint.CreateTime);
        }
        return response;
    }

    private sealed record Verdict(bool Intact, long Checked, long FirstBroken, string Problem, long HeadSequence, string HeadHash, long LastLegacy)
    {
        public static Verdict Broken(long checkedCount, long sequence, string problem) => new(false, checkedCount, sequence, problem, 0, "", 0);
    }
}
