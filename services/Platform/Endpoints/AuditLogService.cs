using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Calls;
using OffenderRisk.Platform.Records;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Platform.Endpoints;

/// <summary>
/// The auditor's view of this service's log, scoped to the auditor's force: the entries about its
/// force's records and those its force's users made (another force's auditor does not learn who
/// read which of this force's nominals). Verification checks the whole chain but discloses only
/// counts and the first broken sequence. Reading the log is itself audited.
/// </summary>
public sealed class AuditLogService(RecordAccess records) : AuditService.AuditServiceBase
{
    private const string Subject = "audit-log";

    [Authorize(Policy = Policies.AuditLog)]
    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        var page = await records.ListAsync(call, new PageRequest(request.PageSize, request.PageToken, 100, 500), $"audit:{call.Force}:{request.Subject}",
            (s, after, limit) => s.QueryAsync<AuditRow>(
                $"""
                SELECT {AuditRow.SelectColumns}
                FROM audit_log
                WHERE sequence > @afterSequence AND (@subject = '' OR subject = @subject)
                  AND (subject_force = @force OR actor_force = @force)
                ORDER BY sequence
                LIMIT @limit
                """,
                new { afterSequence = after is null ? 0 : long.Parse(after, CultureInfo.InvariantCulture), subject = request.Subject, force = call.Force, limit }),
            r => r.Sequence.ToString(CultureInfo.InvariantCulture),
            new AuditEvent(AuditOperation.Consultation, string.IsNullOrEmpty(request.Subject) ? Subject : request.Subject, ""));
        return new ListAuditEntriesResponse { AuditEntries = { page.Items.Select(r => r.ToContract()) }, NextPageToken = page.NextPageToken };
    }

    [Authorize(Policy = Policies.AuditLog)]
    public override async Task<VerifyAuditLogResponse> VerifyAuditLog(VerifyAuditLogRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        // Verify what was there before this call, then record the verification itself.
        var result = await AuditChainVerifier.VerifyAsync(records.Database, call.CancellationToken);
        await records.RunAsync(call, async s =>
        {
            await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Consultation, Subject, ""));
            return 0;
        });
        return result;
    }
}
