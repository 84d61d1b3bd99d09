using OffenderRisk.Platform.Errors;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Platform.Records;

/// <summary>Where a record a supervisor countersigns stands (R-MR1): each service maps its own contract state to it.</summary>
public enum CountersignStage
{
    Draft,
    Submitted,
    Returned,
    Countersigned,
}

/// <summary>A supervisor's countersignature (R-MR1).</summary>
public sealed record Countersignature(string Supervisor, DateTimeOffset Time);

/// <summary>A return to the author, with its reason (R-MR1, R-AU3); every one is kept.</summary>
public sealed record CountersignReturn(string ReturnedBy, DateTimeOffset Time, string Reason);

/// <summary>A record that goes through the countersigning lifecycle: who wrote it, where it stands, its returns so far.</summary>
public interface ICountersigned
{
    string Author { get; }

    CountersignStage Stage { get; }

    IReadOnlyList<CountersignReturn> Returns { get; }
}

/// <summary>
/// R-MR1 (with R-AS8 for assessments and R-MG4 for plans): a supervisor countersigns every risk
/// assessment and plan, the one lifecycle of both. DRAFT -> SUBMITTED -> COUNTERSIGNED, or
/// SUBMITTED -> RETURNED (with a reason, kept) -> SUBMITTED again. Only the author writes and
/// submits; only a supervisor who is not the author (user ids compared by
/// <see cref="UserIds"/>: "sgt-2001" is "SGT-2001") returns or countersigns. Every refusal cites
/// <paramref name="ruleId"/> on the field given (the request's "name"), and calls the record
/// <paramref name="noun"/> ("assessment", "plan"). The caller's supervisor role is the RPC's
/// authorisation policy; these rules are about who. Each step checks and returns what it adds;
/// the record applies it to itself.
/// </summary>
public sealed class Countersigning(string ruleId, string noun)
{
    /// <summary>A bound on the kept history of returns (hostile input): past it, countersign or start again.</summary>
    public const int MaxReturns = 100;

    public const int MaxReasonLength = Validator.DefaultMaxTextLength;

    public string RuleId => ruleId;

    /// <summary>The author may replace what they wrote: the record is a draft or returned, and <paramref name="user"/> wrote it.</summary>
    public void EnsureAuthorMayRevise(ICountersigned record, string user, string field = "name")
    {
        EnsureStage(record, field, "updated", CountersignStage.Draft, CountersignStage.Returned);
        EnsureAuthor(record, user, field, "update");
    }

    /// <summary>The author may submit: the record is a draft or returned, and <paramref name="user"/> wrote it.</summary>
    public void EnsureAuthorMaySubmit(ICountersigned record, string user, string field = "name")
    {
        EnsureStage(record, field, "submitted", CountersignStage.Draft, CountersignStage.Returned);
        EnsureAuthor(record, user, field, "submit");
    }

    /// <summary>A supervisor other than the author returns a submitted record: the return to keep.</summary>
    public CountersignReturn Return(ICountersigned record, string supervisor, string reason, DateTimeOffset now, string field = "name")
    {
        EnsureStage(record, field, "returned", CountersignStage.Submitted);
        EnsureNotAuthor(record, supervisor, field, "return");
        if (record.Returns.Count >= MaxReturns)
        {
            throw new RuleViolationException(ruleId, field,
                $"this {noun} has been returned {MaxReturns} times, the most kept: countersign it or start a new {noun}");
        }
        return new CountersignReturn(supervisor, now, reason);
    }

    /// <summary>A supervisor other than the author countersigns a submitted record: the countersignature.</summary>
    public Countersignature Countersign(ICountersigned record, string supervisor, DateTimeOffset now, string field = "name")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(supervisor);
        EnsureStage(record, field, "countersigned", CountersignStage.Submitted);
        EnsureNotAuthor(record, supervisor, field, "countersign");
        return new Countersignature(supervisor, now);
    }

    private void EnsureStage(ICountersigned record, string field, string verb, params CountersignStage[] allowed)
    {
        if (!allowed.Contains(record.Stage))
        {
            throw new RuleViolationException(ruleId, field,
                $"a {Describe(record.Stage)} {noun} cannot be {verb}; only a {string.Join(" or ", allowed.Select(Describe))} one can");
        }
    }

    private void EnsureAuthor(ICountersigned record, string user, string field, string verb)
    {
        if (!UserIds.Same(record.Author, user))
        {
            throw new RuleViolationException(ruleId, field, $"only the author of a{(StartsWithVowel(noun) ? "n" : "")} {noun} may {verb} it");
        }
    }

    private void EnsureNotAuthor(ICountersigned record, string supervisor, string field, string verb)
    {
        if (UserIds.Same(record.Author, supervisor))
        {
            throw new RuleViolationException(ruleId, field,
                $"the author of a{(StartsWithVowel(noun) ? "n" : "")} {noun} cannot {verb} it; another supervisor must");
        }
    }

    private static bool StartsWithVowel(string word) => word.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(word[0]));

    private static string Describe(CountersignStage stage) => stage switch
    {
        CountersignStage.Draft => "draft",
        CountersignStage.Submitted => "submitted",
        CountersignStage.Returned => "returned",
        CountersignStage.Countersigned => "countersigned",
        _ => "unknown",
    };
}
