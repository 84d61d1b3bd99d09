using System.Threading.RateLimiting;
using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>
/// The per-agency rate limit (R-IC3), shared by every replica of the service: a sliding log of the
/// calls that left for each agency within the window, in the service's database (table
/// <c>agency_call_log</c>). A call is admitted while fewer than the permit limit left within the
/// window, whichever replica made them; the check and the entry are one unit of work under the
/// agency's named lock, so two replicas cannot both take the last permit. A refusal says when the
/// oldest call in the window leaves it (Retry-After). Rows older than the window are removed as
/// calls are admitted, so the log holds at most the permit limit per agency.
/// </summary>
public sealed class AgencyCallLog(Database database, TimeProvider clock)
{
    /// <summary>Admits one call to <paramref name="agency"/> under <paramref name="limit"/>, or refuses it with when to retry.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(Agency agency, AgencyRateLimitOptions limit, CancellationToken ct)
    {
        var retryAfter = await database.InTransactionAsync(async s =>
        {
            var now = clock.GetUtcNow();
            var parameters = new { agency = (long)agency, cutoff = StoredTime.Format(now - limit.Window) };
            await s.LockAsync("agency-call-log:" + AgencyNames.Key(agency));
            await s.ExecuteAsync("DELETE FROM agency_call_log WHERE agency = @agency AND call_time <= @cutoff", parameters);
            var window = await s.SingleAsync<(long Calls, string? Oldest)>(
                "SELECT COUNT(*), MIN(call_time) FROM agency_call_log WHERE agency = @agency", parameters);
            if (window.Calls >= limit.PermitLimit)
            {
                var leaves = window.Oldest is null ? now : StoredTime.Parse(window.Oldest) + limit.Window;
                return leaves > now ? leaves - now : TimeSpan.Zero;
            }
            await s.ExecuteAsync(
                "INSERT INTO agency_call_log (id, agency, call_time) VALUES (@id, @agency, @time)",
                new { id = Guid.CreateVersion7().ToString("D"), agency = (long)agency, time = StoredTime.Format(now) });
            return (TimeSpan?)null;
        }, ct);
        return retryAfter is { } wait ? new Lease(false, wait) : Lease.Granted;
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
