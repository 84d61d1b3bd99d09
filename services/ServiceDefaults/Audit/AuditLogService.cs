using System.Globalization;
using Dapper;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.ServiceDefaults.Storage;

namespace OffenderRisk.ServiceDefaults.Audit;

/// <summary>The auditor's view of this service's log. Reading it is itself audited.</summary>
public sealed class AuditLogService(Database database, AuditWriter audit, AuditedPages pages) : AuditService.AuditServiceBase
{
    private const string Subject = "audit-log";

    [Authorize(Policy = Policies.AuditLog)]
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var page = await pages.ReadAsync<AuditRow>(context, request.PageSize, request.PageToken, "audit:" + request.Subject,
            async (connection, transaction, after, limit, ct) => (await connection.QueryAsync<AuditRow>(new CommandDefinition(
                $"""
                SELECT {AuditRow.SelectColumns}
                FROM audit_log
                WHERE sequence > @afterSequence AND (@subject = '' OR subject = @subject)
                ORDER BY sequence
                LIMIT @limit
                """,
                new { afterSequence = after is null ? 0 : long.Parse(after, CultureInfo.InvariantCulture), subject = request.Subject, limit },
                transaction, cancellationToken: ct))).ToList(),
            r => r.Sequence.ToString(CultureInfo.InvariantCulture),
            new AuditEvent(AuditOperation.Consultation, string.IsNullOrEmpty(request.Subject) ? Subject : request.Subject, ""),
            defaultSize: 100, maxSize: 500);
        return new ListAuditEntriesResponse { AuditEntries = { page.Items.Select(r => r.ToContract()) }, NextPageToken = page.NextPageToken };
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
