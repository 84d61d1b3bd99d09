using System.Text.Json;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Audit;

/// <summary>
/// The one audit writer (R-AU1, R-AU2). It appends inside the caller's transaction, so the entry
/// and the change commit together; if the append fails the exception aborts the whole operation.
/// </summary>
public sealed class AuditWriter(TimeProvider clock)
{
    public async Task AppendAsync(Session session, AuditActor actor, AuditEvent audited)
    {
        // Claiming the next sequence number on the head row serialises appenders until commit.
        var head = await session.SingleAsync<(long Sequence, string Hash)>(
            "UPDATE audit_chain_head SET last_sequence = last_sequence + 1 WHERE id = 1 RETURNING last_sequence, last_hash");

        var row = new AuditRow
        {
            Sequence = head.Sequence,
            Operation = (long)audited.Operation,
            RpcMethod = actor.RpcMethod,
            Actor = actor.UserId,
            ActorForce = actor.Force,
            ActorRoles = JsonSerializer.Serialize(actor.Roles),
            OccurTime = StoredTime.Format(clock.GetUtcNow()),
            Subject = audited.Subject,
            SubjectForce = audited.SubjectForce,
            Justification = actor.Justification,
            Recipients = JsonSerializer.Serialize(audited.Recipients ?? []),
            TraceId = actor.TraceId,
            PreviousHash = head.Hash,
        };
        row = row with { Hash = row.ComputeHash() };

        await session.ExecuteAsync(
            """
            INSERT INTO audit_log (sequence, operation, rpc_method, actor, actor_force, actor_roles, occur_time, subject,
                subject_force, justification, recipients, trace_id, previous_hash, hash)
            VALUES (@Sequence, @Operation, @RpcMethod, @Actor, @ActorForce, @ActorRoles, @OccurTime, @Subject,
                @SubjectForce, @Justification, @Recipients, @TraceId, @PreviousHash, @Hash)
            """, row);
        await session.ExecuteAsync("UPDATE audit_chain_head SET last_hash = @Hash WHERE id = 1", new { row.Hash });
    }
}
