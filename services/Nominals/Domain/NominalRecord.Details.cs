using System.Globalization;

namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// The nominal's recorded details. Category and date of birth are guarded (<see cref="GuardedFields"/>):
/// they change only through their own methods, with a reason kept as history and every rule that
/// depends on them checked again; everything else changes through <see cref="UpdateDetails"/>.
/// </summary>
public sealed partial record NominalRecord
{
    /// <summary>
    /// The fields named in <paramref name="paths"/> (update-mask names) taken from
    /// <paramref name="changes"/>. A guarded field is refused: it has its own method.
    /// </summary>
    public NominalChange UpdateDetails(NominalDetails changes, IReadOnlySet<string> paths)
    {
        if (paths.FirstOrDefault(p => p is GuardedFields.Category or GuardedFields.DateOfBirth) is { } guarded)
        {
            throw ValidationFailedException.For("update_mask", $"'{guarded}' is guarded: use {GuardedFieldRpc(guarded)}");
        }
        return NominalChange.Quiet(this with { Details = Details.Merge(changes, paths) });
    }

    /// <summary>The RPC that changes a guarded field, for messages that send the caller there.</summary>
    public static string GuardedFieldRpc(string field) => field == GuardedFields.Category ? "ChangeCategory" : "CorrectDateOfBirth";

    /// <summary>
    /// Changes the category with a reason, kept as history and announced on the feed, after
    /// checking again every rule that depends on it: R-NT1 (a registered sexual offender whose
    /// notification period is running stays one), R-MG1 (MAPPA category 1 only for registered
    /// sexual offenders) and R-MG2 (a PDP led by probation or prison needs a manager's authority).
    /// </summary>
    public NominalChange ChangeCategory(NominalCategory category, string reason, string managerAuthority, string actingUser, DateTimeOffset now)
    {
        var previous = Details.Category;
        if (previous == category)
        {
            throw new PreconditionFailedException("NO_CHANGE", "category", "the nominal already has this category");
        }
        if (previous == NominalCategory.RegisteredSexualOffender && IsNotifiableForSexualOffence(LocalDates.DateOf(now)))
        {
            throw new RuleViolationException("R-NT1", "category",
                "the nominal's notification period for a qualifying sexual offence is running: they remain a registered sexual offender");
        }
        if (Management.Mappa is { } mappa)
        {
            MappaCategoryRule.Check(mappa.Category, category, "category");
        }
        LeadAgencyRule.Check(category, Management.LeadAgency, managerAuthority);
        var entry = new GuardedFieldEntry(GuardedFields.Category, CategoryText(previous), CategoryText(category), reason.Trim(),
            managerAuthority.Trim(), actingUser, now);
        return new NominalChange(this with
        {
            Details = Details with { Category = category },
            Management = Management with { GuardedFieldHistory = [.. Management.GuardedFieldHistory, entry] },
        },
        [new NominalFeedEvent(NominalEventType.CategoryChanged, Codes: new Dictionary<string, Enum>
        {
            ["category"] = category,
            ["previous_category"] = previous,
        })]);
    }

    /// <summary>
    /// Corrects the date of birth with a reason, kept as history. R-NT1 counts age on the relevant
    /// date of each qualifying event, so the person must have been born on or before the earliest.
    /// </summary>
    public NominalChange CorrectDateOfBirth(DateOnly dateOfBirth, string reason, string actingUser, DateTimeOffset now)
    {
        var previous = Details.DateOfBirth;
        if (previous == dateOfBirth)
        {
            throw new PreconditionFailedException("NO_CHANGE", "date_of_birth", "the nominal already has this date of birth");
        }
        if (EarliestRelevantDate() is { } earliest && dateOfBirth > earliest)
        {
            throw new RuleViolationException("R-NT1", "date_of_birth",
                "the date of birth must not be after the relevant date (conviction, finding or caution) of a qualifying event");
        }
        var entry = new GuardedFieldEntry(GuardedFields.DateOfBirth, DateText(previous), DateText(dateOfBirth), reason.Trim(), "", actingUser, now);
        return NominalChange.Quiet(this with
        {
            Details = Details with { DateOfBirth = dateOfBirth },
            Management = Management with { GuardedFieldHistory = [.. Management.GuardedFieldHistory, entry] },
        });
    }

    /// <summary>
    /// R-NT1: whether a qualifying event of a sexual offence still binds the person to notify on
    /// <paramref name="today"/>: its period is indefinite or has not ended, or its sentence is
    /// still pending (the period is not known yet, so it is taken as running).
    /// </summary>
    public bool IsNotifiableForSexualOffence(DateOnly today) =>
        Management.OffenceHistory.Where(e => e.OffenceClass == OffenceClass.Sexual).Any(e =>
            NotificationPeriod.For(e, Details.DateOfBirth) is not { } period || period.Indefinite || period.EndDate >= today);

    /// <summary>The earliest relevant date (conviction, finding or caution) of the nominal's qualifying events, if any.</summary>
    public DateOnly? EarliestRelevantDate() =>
        Management.OffenceHistory.Count == 0 ? null : Management.OffenceHistory.Min(e => e.RelevantDate);

    /// <summary>
    /// Whether a change touches what identifies the person, and so is checked for likely
    /// duplicates as a create is: the primary name, aliases, date of birth or PNC id.
    /// </summary>
    public static bool IdentityChanged(NominalDetails before, NominalDetails after) =>
        before.PrimaryName != after.PrimaryName
        || !before.Aliases.SequenceEqual(after.Aliases)
        || before.DateOfBirth != after.DateOfBirth
        || !string.Equals(before.PncId, after.PncId, StringComparison.Ordinal);

    /// <summary>A category as the history keeps it: its number (the contract's, mapped to its name at the edge).</summary>
    public static string CategoryText(NominalCategory category) => ((int)category).ToString(CultureInfo.InvariantCulture);

    public static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
