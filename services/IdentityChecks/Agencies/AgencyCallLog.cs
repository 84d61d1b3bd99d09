using System.Threading.RateLimiting;
using OffenderRisk.IdentityChecks.Domain;

namespace OffenderRisk.IdentityChecks.Agencies;

/// <summary>
/// The per-agency rate limit (R-IC3), shared by every replica of the service: a sliding log of the
/// calls that left for each agency within the window, in the service's database (table
/// <c>agency_call_log</c>), each charged to the force it was made for (<see cref="AgencyBudget"/>).
/// A call is admitted while fewer than the agency's permit limit left within the window and fewer
/// than the force's share of it, whichever replica made them: one force's calls cannot lock the
/// others out. The check and the entry are one unit of work under the agency's named lock, so two
/// replicas cannot both take the last permit. A refusal says when the oldest call that holds it
/// back leaves the window (Retry-After). Rows older than the window are removed as calls are
/// admitted, so the log holds at most the permit limit per agency.
/// </summary>
public sealed class AgencyCallLog(Database database, TimeProvider clock)
{
    /// <summary>Admits one call to <paramref name="agency"/> for <paramref name="forceCode"/> under <paramref name="limit"/>, or refuses it with when to retry.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(Agency agency, string forceCode, AgencyRateLimitOptions limit, CancellationToken ct)
    {
        var retryAfter = await database.InTransactionAsync(async s =>
        {
            var now = clock.GetUtcNow();
            var parameters = new { agency = (long)agency, force = forceCode, cutoff = StoredTime.Format(now - limit.Window) };
            await s.LockAsync("agency-call-log:" + AgencyNames.Key(agency));
            await s.ExecuteAsync("DELETE FROM agency_call_log WHERE agency = @agency AND call_time <= @cutoff", parameters);
            var all = await s.SingleAsync<(long Calls, string? Oldest)>(
                "SELECT COUNT(*), MIN(call_time) FROM agency_call_log WHERE agency = @agency", parameters);
            var force = await s.SingleAsync<(long Calls, string? Oldest)>(
                "SELECT COUNT(*), MIN(call_time) FROM agency_call_log WHERE agency = @agency AND force_code = @force", parameters);
            var full = all.Calls >= limit.PermitLimit ? all : force.Calls >= Math.Min(limit.ForcePermitLimit, limit.PermitLimit) ? force : ((long, string?)?)null;
            if (full is { } window)
            {
                var leaves = window.Item2 is null ? now : StoredTime.Parse(window.Item2) + limit.Window;
                return leaves > now ? leaves - now : TimeSpan.Zero;
            }
            await s.ExecuteAsync(
                "INSERT INTO agency_call_log (id, agency, force_code, call_time) VALUES (@id, @agency, @force, @time)",
                new { id = Guid.CreateVersion7().ToString("D"), agency = (long)agency, force = forceCode, time = StoredTime.Format(now) });
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
