using Google.Protobuf;
using OffenderRisk.IdentityChecks.Agencies;
using OffenderRisk.IdentityChecks.Domain;
using OffenderRisk.IdentityChecks.Nominals;
using OffenderRisk.IdentityChecks.Storage;

namespace OffenderRisk.IdentityChecks.Enquiries;

/// <summary>One enquiry: which agency, which operation, about which identifier, on which ground.</summary>
public sealed record EnquirySpec(Agency Agency, string Operation, string Identifier, EnquiryGround Ground);

/// <summary>An enquiry's answer: the stored record and its typed result (null when not found).</summary>
public sealed record EnquiryAnswer<T>(EnquiryRecord Record, T? Result, bool Deduplicated) where T : class;

/// <summary>
/// Runs an agency enquiry the one way every caller (RPCs, credential checks, the scheduler) does:
/// an earlier answer within the deduplication window is reused without calling the agency
/// (R-IC3, audited as a consultation); otherwise the agency is called, and the call is audited as a
/// disclosure with the agency as recipient (R-AU1), whether or not it answered, as long as the
/// request left this service. Only a validated, mapped answer is stored. The same enquiry arriving
/// at two replicas (or twice at one) at once asks the agency once: the first claims it in the
/// database, the other waits for that answer and reuses it; a claim whose holder died lapses after
/// the agency's total timeout.
/// </summary>
public sealed class EnquiryRunner(
    Database database, EnquiryStore store, AuditWriter audit, IOptions<IdentityChecksOptions> options,
    IOptionsMonitor<AgencyOptions> agencies, TimeProvider clock)
{
    /// <summary>How often a caller waiting on another's claim of the same enquiry looks for its answer.</summary>
    private static readonly TimeSpan ClaimPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Runs <paramref name="spec"/> about <paramref name="nominal"/> for <paramref name="call"/> (a
    /// caller, or a worker's system scope); <paramref name="ask"/> calls the agency.
    /// </summary>
    public async Task<EnquiryAnswer<T>> RunAsync<T>(CallScope call, NominalSnapshot nominal, EnquirySpec spec,
        Func<CancellationToken, Task<AgencyLookup<T>>> ask) where T : class, IMessage<T>, new()
    {
        var ct = call.CancellationToken;
        var subjectKey = EnquiryDeduplication.SubjectKey(spec.Agency, spec.Operation, spec.Identifier);
        var claimFor = agencies.Get(AgencyNames.Key(spec.Agency)).Resilience.TotalTimeout + TimeSpan.FromSeconds(5);
        while (true)
        {
            var (reused, claimed) = await database.InTransactionAsync(async s =>
            {
                var now = clock.GetUtcNow();
                var since = EnquiryDeduplication.FreshSince(now, options.Value.DeduplicationWindow);
                var fresh = await store.FindFreshAsync(s, nominal.ForceCode, nominal.Id, subjectKey, since);
                var claimed = false;
                if (fresh is null && (claimed = await store.TryClaimAsync(s, nominal.ForceCode, nominal.Id, subjectKey, now, now + claimFor)))
                {
                    // The holder before us may have stored its answer (and ended its claim) between
                    // the first look and the claim: look again, now that the claim is ours.
                    fresh = await store.FindFreshAsync(s, nominal.ForceCode, nominal.Id, subjectKey, since);
                    if (fresh is not null)
                    {
                        await store.ReleaseClaimAsync(s, nominal.ForceCode, nominal.Id, subjectKey);
                        claimed = false;
                    }
                }
                if (fresh is not null)
                {
                    await audit.AppendAsync(s, call.Actor, new AuditEvent(AuditOperation.Consultation, fresh.ResourceName, nominal.ForceCode));
                }
                return (fresh, claimed);
            }, ct);
            if (reused is not null)
            {
                return new EnquiryAnswer<T>(reused, reused.Found ? JsonParser.Default.Parse<T>(reused.Result) : null, true);
            }
            if (claimed)
            {
                break;
            }
            // Another caller is asking the agency the same thing: wait for its answer (bounded by this call's deadline).
            await Task.Delay(ClaimPoll, clock, ct);
        }

        AgencyLookup<T> lookup;
        try
        {
            // R-IC3: the call is charged to the nominal's force's share of the agency's limit.
            using (AgencyBudget.ChargeTo(nominal.ForceCode))
            {
                lookup = await ask(ct);
            }
        }
        catch (Exception e)
        {
            // The claim ends so that a waiting caller may ask in turn. When the identifier reached
            // the agency even though no usable answer came back, the disclosure is recorded, even
            // when the call was cancelled.
            await database.InTransactionAsync(async s =>
            {
                await store.ReleaseClaimAsync(s, nominal.ForceCode, nominal.Id, subjectKey);
                if (e is AgencyUnavailableException { Attempts: > 0 })
                {
                    await audit.AppendAsync(s, call.Actor, Disclosure(nominal, spec.Agency));
                }
            }, CancellationToken.None);
            throw;
        }

        var answered = clock.GetUtcNow();
        var record = new EnquiryRecord(RequestIds.NewId(answered), nominal.Id, nominal.ForceCode, spec.Agency, spec.Operation, subjectKey, spec.Ground,
            lookup.Found, lookup.Record is null ? "" : JsonFormatter.Default.Format(lookup.Record), call.UserId, answered);
        await database.InTransactionAsync(async s =>
        {
            await store.InsertAsync(s, record);
            await store.ReleaseClaimAsync(s, nominal.ForceCode, nominal.Id, subjectKey);
            await audit.AppendAsync(s, call.Actor, Disclosure(nominal, spec.Agency));
            await audit.AppendAsync(s, call.Actor, new AuditEvent(AuditOperation.Collection, record.ResourceName, nominal.ForceCode));
        }, ct);
        return new EnquiryAnswer<T>(record, lookup.Record, false);
    }

    /// <summary>What the agency was told about: the nominal, disclosed to the agency.</summary>
    public static AuditEvent Disclosure(NominalSnapshot nominal, Agency agency) =>
        new(AuditOperation.Disclosure, nominal.ResourceName, nominal.ForceCode, [AgencyNames.AuditRecipient(agency)]);
}
