using System.Globalization;
using Dapper;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.ServiceDefaults.Storage;

namespace OffenderRisk.ServiceDefaults.Audit;

/// <summary>The auditor's view of this service's log. Reading it is itself audited.</summary>
public sealed class AuditLogService(Database database, AuditWriter audit) : AuditService.AuditServiceBase
{
    private const string Subject = "audit-log";

    [Authorize(Policy = Policies.AuditLog)]
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize, 100, 500);
        var fingerprint = "audit:" + request.Subject;
        var after = PageToken.Decode(request.PageToken, fingerprint);
        var afterSequence = after is null ? 0 : long.Parse(after, CultureInfo.InvariantCulture);
        var ct = context.CancellationToken;

        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var rows = (await connection.QueryAsync<AuditRow>(new CommandDefinition(
                """
                SELECT sequence, operation, rpc_method AS RpcMethod, actor, actor_force AS ActorForce, actor_roles AS ActorRoles,
                       occur_time AS OccurTime, subject, subject_force AS SubjectForce, justification, recipients,
                       trace_id AS TraceId, previous_hash AS PreviousHash, hash
                FROM audit_log
                WHERE sequence > @afterSequence AND (@subject = '' OR subject = @subject)
                ORDER BY sequence
                LIMIT @limit
                """, new { afterSequence, subject = request.Subject, limit = size + 1 }, transaction, cancellationToken: ct))).ToList();

            var response = new ListAuditEntriesResponse();
            response.AuditEntries.AddRange(rows.Take(size).Select(r => r.ToContract()));
            if (rows.Count > size)
            {
                response.NextPageToken = PageToken.Encode(rows[size - 1].Sequence.ToString(CultureInfo.InvariantCulture), fingerprint);
            }
            await audit.AppendAsync(connection, transaction, context,
                new AuditEvent(AuditOperation.Consultation, string.IsNullOrEmpty(request.Subject) ? Subject : request.Subject, ""), ct);
            return response;
        }, ct);
    }

    [Authorize(Policy = Policies.AuditLog)]
    public override async Task<VerifyAuditLogResponse> VerifyAuditLog(VerifyAuditLogRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        // Verify what was there before this call, then record the verification itself.
        var result = await AuditChainVerifier.VerifyAsync(database, ct);
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            await audit.AppendAsync(connection, transaction, context, new AuditEvent(AuditOperation.Consultation, Subject, ""), ct);
            return 0;
        }, ct);
        return result;
    }
}
