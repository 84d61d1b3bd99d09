using System.Text;

namespace OffenderRisk.Nominals.Domain;

/// <summary>Intelligence assessed as a significant change (R-RM6): its name and the day the concern arose (its observation, England and Wales).</summary>
public sealed record SignificantChangeConcern(string Intelligence, DateOnly AroseOn);

/// <summary>One criterion as evaluated: pass or fail, the rule, why (codes, dates and levels only), and the records it rests on.</summary>
public sealed record CriterionResult(ReactiveCriterion Criterion, bool Passed, string RuleId, string Reason, IReadOnlyList<string> Records);

/// <summary>The criteria of a reactive management decision as evaluated on one day, over the window that starts on <paramref name="WindowStart"/>.</summary>
public sealed record ReactiveEvaluation(
    DateOnly WindowStart, IReadOnlyList<CriterionResult> Criteria, bool PendingDischargeException, bool ReturnAfterSignificantChange)
{
    public bool Passed => Criteria.All(c => c.Passed);
}

/// <summary>
/// The reactive management criteria (R-RM1, R-RM2, R-RM3, R-RM7), evaluated from the nominal's own
/// records, its significant-change intelligence in the window, and the day: a pure function, so
/// the answer on a day is the same however often it is asked. "The last three years in the
/// community" is the window: the three years before the day, extended back by every day in custody
/// or detention in it (custody and hospital disposals, from the sentence date to the release, or
/// to the day while no release is recorded).
/// </summary>
public static class ReactiveCriteria
{
    public const int WindowYears = 3;

    /// <summary>The most records one criterion cites (a bound on what a nominal's history can put in an answer).</summary>
    public const int MaxRecordsCited = 50;

    /// <summary>The first day of the three years in the community before <paramref name="today"/>.</summary>
    public static DateOnly WindowStart(NominalRecord nominal, DateOnly today)
    {
        // Walk back from today through the custody periods, latest first, until three years' worth
        // of days in the community lie behind: each day in custody pushes the start a day back.
        var remaining = today.DayNumber - today.AddYears(-WindowYears).DayNumber;
        var cursor = today;
        foreach (var (from, to) in Enumerable.Reverse(CustodyPeriods(nominal, today)))
        {
            var community = cursor.DayNumber - to.DayNumber;
            if (community >= remaining)
            {
                break;
            }
            remaining -= Math.Max(0, community);
            cursor = from;
        }
        return cursor.AddDays(-remaining);
    }

    /// <summary>
    /// Every criterion for <paramref name="nominal"/> on <paramref name="today"/>, in the
    /// contract's order. A female offender's LOW_THROUGHOUT and CURRENT_ARMS_LOW are replaced by
    /// PROFESSIONAL_JUDGEMENT (R-RM3: ARMS is not validated for women).
    /// </summary>
    public static ReactiveEvaluation Evaluate(
        NominalRecord nominal, IReadOnlyList<SignificantChangeConcern> concerns, ProfessionalJudgement? judgement, DateOnly today)
    {
        var start = WindowStart(nominal, today);
        var female = nominal.Details.Gender == Gender.Female;
        var (concernFree, returned) = NoFurtherOffenceOrConcern(nominal, concerns, start);
        var (orders, exception) = NoSexualCivilOrder(nominal, today);
        List<CriterionResult> criteria = [RegisteredSexualOffender(nominal), PoliceLead(nominal)];
        if (!female)
        {
            criteria.Add(LowThroughout(nominal, start));
        }
        criteria.Add(concernFree);
        if (!female)
        {
            criteria.Add(CurrentArmsLow(nominal));
        }
        criteria.Add(orders);
        if (female)
        {
            criteria.Add(ProfessionalJudgementGiven(nominal, judgement));
        }
        return new ReactiveEvaluation(start, criteria, exception && orders.Passed, returned && concernFree.Passed);
    }

    private static CriterionResult RegisteredSexualOffender(NominalRecord n) =>
        n.Details.Category == NominalCategory.RegisteredSexualOffender
            ? Pass(ReactiveCriterion.RegisteredSexualOffender, "R-RM1", "category REGISTERED_SEXUAL_OFFENDER", [n.ResourceName])
            : Fail(ReactiveCriterion.RegisteredSexualOffender, "R-RM1",
                $"category {Code(n.Details.Category)}: reactive management applies to registered sexual offenders", [n.ResourceName]);

    private static CriterionResult PoliceLead(NominalRecord n)
    {
        var agency = n.Management.LeadAgency;
        var history = n.Management.LeadAgencyHistory;
        var set = history.Count == 0 ? null : history[^1];
        var since = set is null ? "" : $" on {Iso(set.EffectiveDate ?? LocalDates.DateOf(set.ChangeTime))}";
        return agency switch
        {
            LeadAgency.Police => Pass(ReactiveCriterion.PoliceLead, "R-RM1", "lead agency set to POLICE" + since, [n.ResourceName]),
            LeadAgency.Unspecified => Fail(ReactiveCriterion.PoliceLead, "R-RM1",
                "lead agency not set: it must have been set to POLICE, not merely left unset", [n.ResourceName]),
            _ => Fail(ReactiveCriterion.PoliceLead, "R-RM1",
                $"lead agency {Code(agency)}{since}: reactive management needs police management, not HMPPS supervision or licence", [n.ResourceName]),
        };
    }

    /// <summary>The assessment in force at the window's start and every one countersigned since are LOW.</summary>
    private static CriterionResult LowThroughout(NominalRecord n, DateOnly start)
    {
        var history = n.Management.AssessmentHistory.OrderBy(a => a.CountersignDate).ToList();
        var atStart = history.LastOrDefault(a => a.CountersignDate <= start);
        var since = history.Where(a => a.CountersignDate > start).ToList();
        List<AssessedLevelEntry> considered = atStart is null ? since : [atStart, .. since];
        // With no assessment at all, the answer rests on the nominal's (empty) assessment history.
        IReadOnlyList<string> records = considered.Count == 0 ? [n.ResourceName] : Names(considered.Select(a => AssessmentName(a.AssessmentId)));
        if (atStart is null)
        {
            return Fail(ReactiveCriterion.LowThroughout, "R-RM1",
                $"no countersigned assessment in force on {Iso(start)}, the start of the three years in the community", records);
        }
        var notLow = considered.Where(a => a.Level != RiskLevel.Low).ToList();
        return notLow.Count == 0
            ? Pass(ReactiveCriterion.LowThroughout, "R-RM1",
                $"LOW in force on {Iso(start)} ({Code(atStart.Kind)} countersigned {Iso(atStart.CountersignDate)}) and LOW in all {since.Count} countersigned since", records)
            : Fail(ReactiveCriterion.LowThroughout, "R-RM1",
                "not LOW throughout: " + string.Join(", ", notLow.Take(MaxRecordsCited).Select(a => $"{Code(a.Kind)} {Code(a.Level)} countersigned {Iso(a.CountersignDate)}")),
                records);
    }

    /// <summary>
    /// No sexual or violent qualifying event and no significant change in the window. R-RM7: a
    /// nominal placed on reactive management before the concerns (and since its last such offence,
    /// which restarts the clock) and assessed LOW since the latest concern returns without a new wait.
    /// </summary>
    private static (CriterionResult Result, bool ReturnAfterSignificantChange) NoFurtherOffenceOrConcern(
        NominalRecord n, IReadOnlyList<SignificantChangeConcern> concerns, DateOnly start)
    {
        const ReactiveCriterion criterion = ReactiveCriterion.NoFurtherOffenceOrConcern;
        var offences = n.Management.OffenceHistory.Where(IsFurtherOffence).ToList();
        var inWindow = offences.Where(e => e.RelevantDate >= start).OrderBy(e => e.RelevantDate).ToList();
        if (inWindow.Count > 0)
        {
            return (Fail(criterion, "R-RM1",
                "further offence in the window: " + string.Join(", ", inWindow.Take(MaxRecordsCited).Select(e => $"{Code(e.OffenceClass)} {Code(e.Kind)} on {Iso(e.RelevantDate)}"))
                + "; the three years start again from it",
                Names(inWindow.Select(e => QualifyingEventNames.Format(n.Id, e.Id)))), false);
        }
        var raised = concerns.Where(c => c.AroseOn >= start).OrderBy(c => c.AroseOn).ToList();
        if (raised.Count == 0)
        {
            return (Pass(criterion, "R-RM1", $"no sexual or violent qualifying event and no significant change since {Iso(start)}", [n.ResourceName]), false);
        }
        var concernNames = Names(raised.Select(c => c.Intelligence));
        var first = raised[0].AroseOn;
        var latest = raised[^1].AroseOn;
        // R-RM7: a placement counts only since the last further offence, which restarts the clock.
        var lastOffence = offences.Count == 0 ? (DateOnly?)null : offences.Max(e => e.RelevantDate);
        var placement = n.Management.StatusHistory.LastOrDefault(h => h.ToStatus == ManagementStatus.Reactive
            && LocalDates.DateOf(h.ChangeTime) <= first && (lastOffence is null || LocalDates.DateOf(h.ChangeTime) >= lastOffence));
        if (placement is null)
        {
            return (Fail(criterion, "R-RM1",
                $"significant change on {Iso(first)} in the window, and no placement on reactive management before it to return to (R-RM7)", concernNames), false);
        }
        var placedOn = LocalDates.DateOf(placement.ChangeTime);
        List<string> placementRecords = [placement.ReactiveDecision.Length > 0 ? placement.ReactiveDecision : n.ResourceName];
        var assessedSince = n.Management.AssessmentHistory.Where(a => a.CountersignDate >= latest).MaxBy(a => a.CountersignDate);
        if (assessedSince is null)
        {
            return (Fail(criterion, "R-RM7",
                $"placed on reactive management on {Iso(placedOn)}, but no countersigned assessment since the significant change on {Iso(latest)}",
                [.. concernNames, .. placementRecords]), false);
        }
        List<string> records = [.. concernNames, .. placementRecords, AssessmentName(assessedSince.AssessmentId)];
        return assessedSince.Level == RiskLevel.Low
            ? (Pass(criterion, "R-RM7",
                $"significant change on {Iso(latest)} after placement on reactive management on {Iso(placedOn)}; assessed LOW since ({Code(assessedSince.Kind)} countersigned {Iso(assessedSince.CountersignDate)}): returns without a new three-year wait",
                records), true)
            : (Fail(criterion, "R-RM7",
                $"significant change on {Iso(latest)}; assessed {Code(assessedSince.Level)} since ({Code(assessedSince.Kind)} countersigned {Iso(assessedSince.CountersignDate)})",
                records), false);
    }

    /// <summary>The latest countersigned ARMS is LOW.</summary>
    private static CriterionResult CurrentArmsLow(NominalRecord n)
    {
        // The history is in countersigning order (the assessments feed's): the last ARMS is the current one, even of two countersigned on one day.
        var arms = n.Management.AssessmentHistory.LastOrDefault(a => a.Kind == AssessmentKind.Arms);
        if (arms is null)
        {
            return Fail(ReactiveCriterion.CurrentArmsLow, "R-RM1", "no countersigned ARMS", [n.ResourceName]);
        }
        var reason = $"current ARMS {Code(arms.Level)} countersigned {Iso(arms.CountersignDate)}";
        return arms.Level == RiskLevel.Low
            ? Pass(ReactiveCriterion.CurrentArmsLow, "R-RM1", reason, [AssessmentName(arms.AssessmentId)])
            : Fail(ReactiveCriterion.CurrentArmsLow, "R-RM1", reason, [AssessmentName(arms.AssessmentId)]);
    }

    /// <summary>No SHPO or SRO in force, or every one in force pending discharge (R-RM2: placed under the exception, said so).</summary>
    private static (CriterionResult Result, bool Exception) NoSexualCivilOrder(NominalRecord n, DateOnly today)
    {
        var inForce = n.Management.CivilOrders.Where(o => o.IsSexualOrder && o.InForceOn(today)).ToList();
        IReadOnlyList<string> records = inForce.Count == 0 ? [n.ResourceName] : Names(inForce.Select(o => CivilOrderNames.Format(n.Id, o.Id)));
        if (inForce.Count == 0)
        {
            return (Pass(ReactiveCriterion.NoSexualCivilOrder, "R-RM1", "no SHPO or SRO in force", records), false);
        }
        var binding = inForce.Where(o => !o.PendingDischarge).ToList();
        return binding.Count == 0
            ? (Pass(ReactiveCriterion.NoSexualCivilOrder, "R-RM2",
                "in force but pending discharge: " + Orders(inForce) + "; placed under the exception (returns to active management if not discharged)", records), true)
            : (Fail(ReactiveCriterion.NoSexualCivilOrder, "R-RM1", "in force and not pending discharge: " + Orders(binding), records), false);
    }

    /// <summary>R-RM3: a female offender is placed on a recorded professional judgement citing at least one other assessment.</summary>
    private static CriterionResult ProfessionalJudgementGiven(NominalRecord n, ProfessionalJudgement? judgement) =>
        judgement is { AssessmentsConsidered.Count: > 0 } j && !string.IsNullOrWhiteSpace(j.Rationale)
            ? Pass(ReactiveCriterion.ProfessionalJudgement, "R-RM3",
                "professional judgement recorded, considering " + string.Join(", ", j.AssessmentsConsidered.Select(a => $"{Code(a.Kind)} of {Iso(a.AssessmentDate)}")),
                [n.ResourceName])
            : Fail(ReactiveCriterion.ProfessionalJudgement, "R-RM3",
                "a female offender is placed on professional judgement (ARMS is not validated for women): record its rationale and the other assessments considered (PSR, SRP, ASSET, psychological)",
                [n.ResourceName]);

    /// <summary>A sexual offence, or a relevant (violent) one, restarts the three years (R-RM1, R-RM7).</summary>
    private static bool IsFurtherOffence(QualifyingEventRecord e) => e.OffenceClass is OffenceClass.Sexual or OffenceClass.Violent;

    /// <summary>The custody and detention periods up to <paramref name="today"/>, merged and in order: from the sentence date to the release (exclusive), or to today.</summary>
    private static List<(DateOnly From, DateOnly To)> CustodyPeriods(NominalRecord nominal, DateOnly today)
    {
        var periods = nominal.Management.OffenceHistory
            .Where(e => e.IsDetention && e.SentenceDate is { } s && s < today)
            .Select(e => (From: e.SentenceDate!.Value, To: e.ReleaseDate is { } r && r < today ? r : today))
            .Where(p => p.To > p.From)
            .OrderBy(p => p.From)
            .ToList();
        var merged = new List<(DateOnly From, DateOnly To)>();
        foreach (var p in periods)
        {
            if (merged.Count > 0 && p.From <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, p.To > merged[^1].To ? p.To : merged[^1].To);
            }
            else
            {
                merged.Add(p);
            }
        }
        return merged;
    }

    private static string Orders(IEnumerable<CivilOrderRecord> orders) =>
        string.Join(", ", orders.Take(MaxRecordsCited).Select(o => $"{Code(o.Type)} from {Iso(o.StartDate)}"));

    private static string AssessmentName(string assessmentId) => ResourceNames.Format("assessments", assessmentId);

    private static string[] Names(IEnumerable<string> names) => names.Distinct(StringComparer.Ordinal).Take(MaxRecordsCited).ToArray();

    private static CriterionResult Pass(ReactiveCriterion c, string rule, string reason, IReadOnlyList<string> records) => new(c, true, rule, reason, records);

    private static CriterionResult Fail(ReactiveCriterion c, string rule, string reason, IReadOnlyList<string> records) => new(c, false, rule, reason, records);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A domain code as the answer's reasons spell it: UPPER_SNAKE (VeryHigh is VERY_HIGH).</summary>
    public static string Code(Enum value)
    {
        var name = value.ToString();
        var code = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                code.Append('_');
            }
            code.Append(char.ToUpperInvariant(name[i]));
        }
        return code.ToString();
    }
}
