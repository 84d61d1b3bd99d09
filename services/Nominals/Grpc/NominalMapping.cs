using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Contracts.Common.V1;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>Domain records to contract messages.</summary>
internal static class NominalMapping
{
    public static Contract.Nominal ToContract(this NominalRecord n, DateOnly today)
    {
        var m = n.Management;
        // R-NT1: only a registered sexual offender is subject to notification; each event still shows its own period.
        var requirements = NotificationPeriod.AppliesTo(n.Details.Category) ? RegistrationRequirements.Of(n) : null;
        var nominal = new Contract.Nominal
        {
            Name = n.ResourceName,
            ForceCode = n.ForceCode,
            PrimaryName = n.Details.PrimaryName.ToContract(),
            Aliases = { n.Details.Aliases.Select(a => a.ToContract()) },
            DateOfBirth = n.Details.DateOfBirth.ToContract(),
            Gender = (Contract.Gender)n.Details.Gender,
            PncId = n.Details.PncId,
            VisorReference = n.Details.VisorReference,
            Category = (Contract.NominalCategory)n.Details.Category,
            ManagementStatus = (Contract.ManagementStatus)n.Status,
            CreateTime = Timestamp.FromDateTimeOffset(n.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(n.UpdateTime),
            Etag = Etag.From(n.Version),
            Addresses = { n.Details.Addresses.Select(a => a.ToContract()) },
            MosovoOfficer = m.MosovoOfficer,
            OfficerHistory = { m.OfficerHistory.Select(h => new Contract.OfficerAssignment { Officer = h.Officer, AssignedBy = h.AssignedBy, AssignTime = Timestamp.FromDateTimeOffset(h.AssignTime), Reason = h.Reason }) },
            ManagementEndReason = m.EndReason,
            Mappa = m.Mappa?.ToContract(),
            MappaHistory = { m.MappaHistory.Select(h => h.ToContract()) },
            LeadAgency = (Contract.LeadAgency)m.LeadAgency,
            LeadAgencyHistory = { m.LeadAgencyHistory.Select(h => new Contract.LeadAgencyChange { LeadAgency = (Contract.LeadAgency)h.LeadAgency, ManagerAuthority = h.ManagerAuthority, Reason = h.Reason, ChangedBy = h.ChangedBy, ChangeTime = Timestamp.FromDateTimeOffset(h.ChangeTime) }) },
            CivilOrders = { m.CivilOrders.Select(o => o.ToContract(n.Id)) },
            FlaggedForReview = m.FlaggedForReview,
            ReviewFlagReason = m.ReviewFlagReason,
            StatusHistory = { m.StatusHistory.Select(h => h.ToContract()) },
            GuardedFieldHistory = { m.GuardedFieldHistory.Select(h => h.ToContract()) },
        };
        nominal.OffenceHistory.AddRange(m.OffenceHistory.OrderBy(e => e.RelevantDate).Select(e => e.ToContract(n.Id, requirements?.Periods)));
        nominal.Notifications.AddRange(m.Notifications.Select(x => x.ToContract(n.Id)));
        nominal.ReviewApplications.AddRange(m.ReviewApplications.Select(a => a.ToContract(n.Id)));
        if (requirements is not null)
        {
            nominal.Notification = requirements.ToContract(n.Id, today);
        }
        nominal.RiskToChildren = m.RiskToChildren?.ToContract();
        nominal.RiskToChildrenHistory.AddRange(m.RiskToChildrenHistory.Select(r => r.ToContract()));
        nominal.CurrentAssessment = m.CurrentAssessment?.ToContract();
        nominal.AssessmentHistory.AddRange(m.AssessmentHistory.Select(a => a.ToContract()));
        nominal.MappaReviews.AddRange(m.MappaReviews.Select(r => r.ToContract(n.Id)));
        nominal.TargetProfile = m.TargetProfile?.ToContract();
        nominal.TargetProfileHistory.AddRange(m.TargetProfileHistory.Select(t => t.ToContract()));
        return nominal;
    }

    public static Contract.RiskToChildren ToContract(this RiskToChildrenRecord r) => new()
    {
        Conclusion = (Contract.RiskToChildrenConclusion)r.Conclusion,
        RecordedBy = r.RecordedBy,
        RecordTime = Timestamp.FromDateTimeOffset(r.RecordTime),
        Assessment = string.IsNullOrEmpty(r.AssessmentId) ? "" : ResourceNames.Format("assessments", r.AssessmentId),
    };

    public static Contract.AssessedLevel ToContract(this AssessedLevelEntry a) => new()
    {
        Assessment = ResourceNames.Format("assessments", a.AssessmentId),
        Kind = (OffenderRisk.Contracts.Assessments.V1.AssessmentKind)a.Kind,
        Level = (OffenderRisk.Contracts.Common.V1.RiskLevel)a.Level,
        CountersignDate = a.CountersignDate.ToContract(),
    };

    public static Contract.StatusChange ToContract(this StatusChangeEntry h) => new()
    {
        FromStatus = (Contract.ManagementStatus)h.FromStatus,
        ToStatus = (Contract.ManagementStatus)h.ToStatus,
        Reason = h.Reason,
        ChangedBy = h.ChangedBy,
        ChangeTime = Timestamp.FromDateTimeOffset(h.ChangeTime),
        Trigger = (Contract.StatusChangeTrigger)h.Trigger,
        ProposedBy = h.ProposedBy,
        ApprovedBy = h.ApprovedBy,
        PlacementReasons = { h.PlacementReasons },
        PendingDischargeException = h.PendingDischargeException,
        TriggerRecord = h.TriggerRecord,
        ReactiveDecision = h.ReactiveDecision,
    };

    /// <summary>A guarded field's values as the contract gives them: a category by its enum name, a date as ISO.</summary>
    public static Contract.GuardedFieldChange ToContract(this GuardedFieldEntry h) => new()
    {
        Field = h.Field,
        PreviousValue = GuardedValue(h.Field, h.PreviousValue),
        NewValue = GuardedValue(h.Field, h.NewValue),
        Reason = h.Reason,
        ManagerAuthority = h.ManagerAuthority,
        ChangedBy = h.ChangedBy,
        ChangeTime = Timestamp.FromDateTimeOffset(h.ChangeTime),
    };

    private static string GuardedValue(string field, string value) =>
        field == GuardedFields.Category && int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? ProtoEnums.OriginalName((Contract.NominalCategory)number)
            : value;
    /// <summary>An event with its own notification outcome (unset while its sentence is pending, or when the nominal is not notifiable).</summary>
    public static Contract.QualifyingEvent ToContract(this QualifyingEventRecord e, string nominalId, IReadOnlyDictionary<string, NotificationPeriod>? periods)
    {
        var period = periods is not null && periods.TryGetValue(e.Id, out var p) ? p : null;
        return new Contract.QualifyingEvent
        {
            Name = QualifyingEventNames.Format(nominalId, e.Id),
            Kind = (Contract.QualifyingEventKind)e.Kind,
            RelevantDate = e.RelevantDate.ToContract(),
            OffenceClass = (Contract.OffenceClass)e.OffenceClass,
            OffenceDescription = e.OffenceDescription,
            Disposal = (Contract.Disposal)e.Disposal,
            Term = e.Term is { } t ? new Contract.Term { Years = t.Years, Months = t.Months, Weeks = t.Weeks, Days = t.Days } : null,
            SentenceDate = e.SentenceDate?.ToContract(),
            ReleaseDate = e.ReleaseDate?.ToContract(),
            NotificationIndefinite = period?.Indefinite ?? false,
            NotificationEndDate = period?.EndDate?.ToContract(),
            RecordedBy = e.RecordedBy,
            RecordTime = Timestamp.FromDateTimeOffset(e.RecordTime),
        };
    }

    public static Contract.NotificationRequirements ToContract(this RegistrationRequirements r, string nominalId, DateOnly today) => new()
    {
        Indefinite = r.Indefinite,
        EndDate = r.EndDate?.ToContract(),
        NextAnnualNotificationDate = r.NextAnnualNotificationOn(today)?.ToContract(),
        ReviewEligibilityDate = r.Review?.QualifyingDate?.ToContract(),
        ReviewEligibilityUndeterminedReason = r.Review?.WhyUndetermined ?? "",
        Under18AtConviction = r.Under18OnRelevantDate,
        GoverningEvent = r.GoverningEvent.Length == 0 ? "" : QualifyingEventNames.Format(nominalId, r.GoverningEvent),
        InCustody = r.InCustody,
        SentencePending = r.SentencePending,
        DischargedOnReview = r.DischargedOnReview,
    };

    public static Contract.NotificationRecord ToContract(this NotificationEntry x, string nominalId) => new()
    {
        Name = NotificationNames.Format(nominalId, x.Id),
        Kind = (Contract.NotificationKind)x.Kind,
        NotifyTime = Timestamp.FromDateTimeOffset(x.NotifyTime),
        NotifyDate = x.NotifyDate.ToContract(),
        RecordedBy = x.RecordedBy,
    };

    public static Contract.ReviewApplication ToContract(this ReviewApplicationEntry a, string nominalId) => new()
    {
        Name = ReviewApplicationNames.Format(nominalId, a.Id),
        ApplicationDate = a.ApplicationDate.ToContract(),
        Decision = (Contract.ReviewDecision)a.Decision,
        DecisionDate = a.DecisionDate?.ToContract(),
        FurtherQualifyingDate = a.FurtherQualifyingDate?.ToContract(),
        Rationale = a.Rationale,
        RecordedBy = a.RecordedBy,
        DecidedBy = a.DecidedBy,
    };

    /// <summary>An entry recorded before the effective date was kept gives its set time's date (as the contract says).</summary>
    public static Contract.MappaManagement ToContract(this MappaEntry m) => new()
    {
        Category = m.Category, Level = m.Level, Reason = m.Reason, SetBy = m.SetBy, SetTime = Timestamp.FromDateTimeOffset(m.SetTime),
        EffectiveDate = m.LevelSetOn.ToContract(),
    };

    public static Contract.MappaReview ToContract(this MappaReviewEntry r, string nominalId) => new()
    {
        Name = MappaReviewNames.Format(nominalId, r.Id),
        ReviewDate = r.ReviewDate.ToContract(),
        Outcome = r.Outcome,
        LevelBefore = r.LevelBefore,
        LevelDecision = r.LevelDecision,
        Rationale = r.Rationale,
        RecordedBy = r.RecordedBy,
        RecordTime = Timestamp.FromDateTimeOffset(r.RecordTime),
        NextReviewDue = r.NextReviewDue.ToContract(),
    };

    public static Contract.TargetProfile ToContract(this TargetProfileEntry t) => new()
    {
        Flagged = t.Flagged,
        Reason = t.Reason,
        SetBy = t.SetBy,
        SetTime = Timestamp.FromDateTimeOffset(t.SetTime),
        Assessment = string.IsNullOrEmpty(t.AssessmentId) ? "" : ResourceNames.Format("assessments", t.AssessmentId),
    };

    public static Contract.CivilOrder ToContract(this CivilOrderRecord o, string nominalId) => new()
    {
        Name = CivilOrderNames.Format(nominalId, o.Id),
        Type = (Contract.CivilOrderType)o.Type,
        Description = o.Description,
        StartDate = o.StartDate.ToContract(),
        EndDate = o.EndDate?.ToContract(),
        PendingDischarge = o.PendingDischarge,
    };

    public static Contract.Address ToContract(this AddressRecord a) => new()
    {
        Lines = { a.Lines },
        Postcode = a.Postcode,
        FromDate = a.FromDate?.ToContract(),
        ToDate = a.ToDate?.ToContract(),
    };

    public static Contracts.Common.V1.PersonName ToContract(this Domain.PersonName name) =>
        new() { GivenNames = name.GivenNames, FamilyName = name.FamilyName };

    public static CalendarDate ToContract(this DateOnly date) =>
        new() { Year = date.Year, Month = date.Month, Day = date.Day };
}
