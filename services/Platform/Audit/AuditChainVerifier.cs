using Dapper;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Audit;

/// <summary>
/// Walks the chain from the first entry (R-AU2): every entry's hash must match its content, link
/// to its predecessor's hash, and follow it without a gap; the head row must point at the last
/// entry, so a removed tail is detected too. The head and the rows are read in one snapshot, so
/// entries appended while it runs are neither half-seen nor reported as tampering.
/// </summary>
public static class AuditChainVerifier
{
    public static Task<VerifyAuditLogResponse> VerifyAsync(Database database, CancellationToken ct) =>
        database.ReadAsync(s => VerifyAsync(s, ct), ct);

    private static async Task<VerifyAuditLogResponse> VerifyAsync(Session session, CancellationToken ct)
    {
        var head = await session.SingleAsync<(long Sequence, string Hash)>("SELECT last_sequence, last_hash FROM audit_chain_head WHERE id = 1");

        var expectedSequence = 1L;
        var previousHash = AuditRow.GenesisHash;
        var checkedCount = 0L;
        var rows = session.Connection.QueryUnbufferedAsync<AuditRow>(
            $"SELECT {AuditRow.SelectColumns} FROM audit_log WHERE sequence <= @last ORDER BY sequence", new { last = head.Sequence }, session.Transaction);
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (row.Sequence != expectedSequence)
            {
                return Broken(checkedCount, expectedSequence, $"entry {expectedSequence} is missing");
            }
            if (row.PreviousHash != previousHash)
            {
                return Broken(checkedCount, row.Sequence, "the link to the previous entry does not match");
            }
            if (row.ComputeHash() != row.Hash)
            {
                return Broken(checkedCount, row.Sequence, "the entry's content does not match its hash");
            }
            previousHash = row.Hash;
            expectedSequence++;
            checkedCount++;
        }
        if (checkedCount != head.Sequence || previousHash != head.Hash)
        {
            return Broken(checkedCount, checkedCount + 1, "entries at the end of the log are missing or altered");
        }
        var extra = await session.ScalarAsync<long>("SELECT COUNT(*) FROM audit_log WHERE sequence > @last", new { last = head.Sequence });
        if (extra > 0)
        {
            return Broken(checkedCount, head.Sequence + 1, "entries were added outside the chain");
        }
        return new VerifyAuditLogResponse { Intact = true, EntriesChecked = checkedCount };
    }

    private static VerifyAuditLogResponse Broken(long checkedCount, long sequence, string problem) =>
        new() { Intact = false, EntriesChecked = checkedCount, FirstBrokenSequence = sequence, Problem = problem };
}
