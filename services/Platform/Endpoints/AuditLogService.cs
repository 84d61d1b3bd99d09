using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Calls;
using OffenderRisk.Platform.Errors;
using OffenderRisk.Platform.Records;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Platform.Endpoints;

/// <summary>
/// The auditor's view of this service's log, scoped to the auditor's force: the entries about its
/// force's records and those its force's users made (another force's auditor does not learn who
/// read which of this force's nominals). Verification checks the whole chain against the last
/// checkpoint but discloses only counts, the first broken sequence and the checkpoint's position;
/// a checkpoint discloses only the head's position and hash. Each call is itself audited.
/// </summary>
public sealed class AuditLogService(RecordAccess records, AuditChainVerifier verifier) : AuditService.AuditServiceBase
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
        var result = await verifier.VerifyAsync(call.CancellationToken);
        await AuditCallAsync(call);
        return result;
    }

    [Authorize(Policy = Policies.AuditLog)]
    public override async Task<CheckpointAuditLogResponse> CheckpointAuditLog(CheckpointAuditLogRequest request, ServerCallContext context)
    {
        var call = context.Scope();
        // Checkpoint what was there before this call, then record the call itself.
        var (checkpoint, verdict) = await verifier.CheckpointAsync(call.CancellationToken);
        await AuditCallAsync(call);
        if (checkpoint is null)
        {
            throw new PreconditionFailedException("AUDIT_CHAIN_BROKEN", "",
                string.Create(CultureInfo.InvariantCulture, $"The audit chain does not verify from entry {verdict.FirstBrokenSequence} ({verdict.Problem}); no checkpoint was written."));
        }
        return new CheckpointAuditLogResponse
        {
            Checkpoint = new Contracts.Audit.V1.AuditCheckpoint
            {
                Sequence = checkpoint.Sequence,
                EntryHash = checkpoint.Hash,
                KeyId = checkpoint.KeyId,
                CreateTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(checkpoint.CreateTime),
            },
        };
    }

    private Task<int> AuditCallAsync(CallScope call) =>
        records.RunAsync(call, async s =>
        {
            await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Consultation, Subject, ""));
            return 0;
        });
}
