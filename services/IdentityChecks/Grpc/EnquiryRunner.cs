using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.IdentityChecks.Agencies;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.IdentityChecks.Storage;
using OffenderRisk.Platform.Audit;

namespace OffenderRisk.IdentityChecks.Grpc;

/// <summary>One enquiry: which agency, which operation, about which identifier, on which ground.</summary>
public sealed record EnquirySpec(Agency Agency, string Operation, string Identifier, EnquiryGround Ground);

/// <summary>An enquiry's answer: the stored record and its typed result (null when not found).</summary>
public sealed record EnquiryAnswer<T>(EnquiryRecord Record, T? Result, bool Deduplicated) where T : class
{
    public EnquiryProvenance Provenance() => new()
    {
        Enquiry = Record.ResourceName,
        Agency = Record.Agency,
        Deduplicated = Deduplicated,
        AnswerTime = Timestamp.FromDateTimeOffset(Record.AnswerTime),
        EnquiredBy = Record.EnquiredBy,
    };
}

/// <summary>
/// Runs an agency enquiry the one way every caller (RPCs, credential checks, the scheduler) does:
/// an earlier answer within the deduplication window is reused without calling the agency
/// (R-IC3, audited as a consultation); otherwise the agency is called, and the call is audited as a
/// disclosure with the agency as recipient (R-AU1), whether or not it answered, as long as the
/// request left this service. Only a validated, mapped answer is stored.
/// </summary>
public sealed class EnquiryRunner(Database database, EnquiryStore store, AuditWriter audit, IOptions<IdentityChecksOptions> options, TimeProvider clock)
{
    public async Task<EnquiryAnswer<T>> RunAsync<T>(NominalSnapshot nominal, EnquirySpec spec, AuditActor actor,
        Func<CancellationToken, Task<AgencyLookup<T>>> call, CancellationToken ct) where T : class, IMessage<T>, new()
    {
        var subjectKey = EnquiryDeduplication.SubjectKey(spec.Agency, spec.Operation, spec.Identifier);
        var since = EnquiryDeduplication.FreshSince(clock.GetUtcNow(), options.Value.DeduplicationWindow);
        var reused = await database.InTransactionAsync(async (c, tx) =>
        {
            var fresh = await store.FindFreshAsync(c, tx, nominal.ForceCode, nominal.Id, subjectKey, since, ct);
            if (fresh is not null)
            {
                await audit.AppendAsync(c, tx, actor, new AuditEvent(AuditOperation.Consultation, fresh.ResourceName, nominal.ForceCode), ct);
            }
            return fresh;
        }, ct);
        if (reused is not null)
        {
            return new EnquiryAnswer<T>(reused, reused.Found ? JsonParser.Default.Parse<T>(reused.Result) : null, true);
        }

        AgencyLookup<T> lookup;
        try
        {
            lookup = await call(ct);
        }
        catch (AgencyUnavailableException e) when (e.Attempts > 0)
        {
            // The identifier reached the agency even though no usable answer came back.
            await database.InTransactionAsync(async (c, tx) =>
            {
                await audit.AppendAsync(c, tx, actor, Disclosure(nominal, spec.Agency), CancellationToken.None);
                return 0;
            }, CancellationToken.None);
            throw;
        }

        var now = clock.GetUtcNow();
        var record = new EnquiryRecord(ResourceIds.New(now), nominal.Id, nominal.ForceCode, spec.Agency, spec.Operation, subjectKey, spec.Ground,
            lookup.Found, lookup.Record is null ? "" : JsonFormatter.Default.Format(lookup.Record), actor.UserId, now);
        await database.InTransactionAsync(async (c, tx) =>
        {
            await store.InsertAsync(c, tx, record, ct);
            await audit.AppendAsync(c, tx, actor, Disclosure(nominal, spec.Agency), ct);
            await audit.AppendAsync(c, tx, actor, new AuditEvent(AuditOperation.Collection, record.ResourceName, nominal.ForceCode), ct);
            return 0;
        }, ct);
        return new EnquiryAnswer<T>(record, lookup.Record, false);
    }

    /// <summary>What the agency was told about: the nominal, disclosed to the agency.</summary>
    public static AuditEvent Disclosure(NominalSnapshot nominal, Agency agency) =>
        new(AuditOperation.Disclosure, nominal.ResourceName, nominal.ForceCode, [AgencyNames.AuditRecipient(agency)]);
}
