using System.Text.RegularExpressions;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Calls;
using OffenderRisk.Platform.Errors;
using OffenderRisk.Platform.Records;
using OffenderRisk.Platform.Storage;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Platform.Feeds;

/// <summary>
/// What every service's change feed RPCs (List…Events, CommitFeedPosition) decide, the one way:
/// machine consumers (role service) read every force's events; people read only their own
/// force's. A named consumer's position is kept per principal and consumer (<see cref="ConsumerKey"/>)
/// and never past the feed's last event. A read
/// that returns events is audited as a consultation; a commit as an alteration.
/// </summary>
public static partial class FeedRequests
{
    /// <summary>The page size when none is asked for, and the most a page holds.</summary>
    public const int DefaultPageSize = 100, MaxPageSize = 500;

    /// <summary>One page of a feed read (after validating the request): the events and the sequence to resume after.</summary>
    public static async Task<(IReadOnlyList<OutboxEvent> Events, long LastSequence)> ListAsync(
        RecordAccess records, OutboxFeed feed, CallScope call, string subject, string consumer, long afterSequence, int pageSize)
    {
        var v = new Validator();
        ValidateConsumer(v, consumer);
        v.Check(afterSequence >= 0, "after_sequence", "must not be negative");
        var size = PageToken.Size(pageSize, DefaultPageSize, MaxPageSize);
        v.ThrowIfInvalid();
        return await records.RunAsync(call, async s =>
        {
            var after = await StartingPointAsync(s, feed, call, consumer, afterSequence);
            var events = await feed.ReadAsync(s, after, ForceFilter(call), size);
            // A read that returns no event consults nothing: consumers polling an idle feed fill no audit log.
            if (events.Count > 0)
            {
                await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Consultation, subject, call.Force));
            }
            return (events, events.Count > 0 ? events[^1].Sequence : after);
        });
    }

    /// <summary>Stores a named consumer's position (after validating the request).</summary>
    public static async Task CommitAsync(RecordAccess records, OutboxFeed feed, CallScope call, string subject, string consumer, long sequence)
    {
        var v = new Validator();
        v.Required("consumer", consumer);
        ValidateConsumer(v, consumer);
        v.Check(sequence >= 0, "sequence", "must not be negative");
        v.ThrowIfInvalid();
        await records.RunAsync(call, async s =>
        {
            // A position past the end would make the consumer skip events not yet written.
            var last = await feed.LastSequenceAsync(s);
            if (sequence > last)
            {
                throw ValidationFailedException.For("sequence", $"is past the end of the feed (its last event is {last})");
            }
            await feed.CommitAsync(s, ConsumerKey(call, consumer), sequence);
            await records.AuditAsync(s, call, new AuditEvent(AuditOperation.Alteration, $"{subject}/consumers/{consumer}", call.Force));
            return 0;
        });
    }

    /// <summary>Where a read starts: the named consumer's committed position, else <paramref name="afterSequence"/>.</summary>
    public static async Task<long> StartingPointAsync(Session s, OutboxFeed feed, CallScope call, string consumer, long afterSequence)
    {
        if (string.IsNullOrEmpty(consumer))
        {
            return afterSequence;
        }
        return await feed.PositionAsync(s, ConsumerKey(call, consumer)) ?? afterSequence;
    }

    /// <summary>The force whose events the caller may read; null for a service principal (every force's).</summary>
    public static string? ForceFilter(CallScope call) => call.IsInRole(Roles.Service) ? null : call.Force;

    /// <summary>
    /// Where a named consumer's position is kept: under the caller's principal (a service's
    /// <c>svc:name</c>, a person's force and id, user ids in their normal form), so a principal reads
    /// and moves only its own positions, whatever consumer name it gives.
    /// </summary>
    public static string ConsumerKey(CallScope call, string consumer) =>
        call.IsInRole(Roles.Service)
            ? $"{UserIds.Normalise(call.UserId)}/{consumer}"
            : $"{call.Force}:{UserIds.Normalise(call.UserId)}/{consumer}";

    public static void ValidateConsumer(Validator v, string consumer) =>
        v.Matches("consumer", consumer, ConsumerPattern(), "a consumer name of 1-64 lower-case letters, digits or '-'");

    [GeneratedRegex(@"\A[a-z0-9-]{1,64}\z")]
    private static partial Regex ConsumerPattern();
}
