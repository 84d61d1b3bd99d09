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
        if (m.Sentence is { } s)
        {
            nominal.Sentence = new Contract.Sentence { ConvictionDate = s.ConvictionDate.ToContract(), SentenceDate = s.SentenceDate.ToContract(), Disposal = (Contract.Disposal)s.Disposal, CustodyMonths = s.CustodyMonths };
        }
        if (m.Sentence is { } sentence && NotificationPeriod.AppliesTo(n.Details.Category))
        {
            var notification = NotificationPeriod.For(sentence, n.Details.DateOfBirth);
            nominal.Notification = new Contract.NotificationRequirements
            {
                Indefinite = notification.Indefinite,
                PeriodMonths = notification.PeriodMonths,
                EndDate = notification.EndDate?.ToContract(),
                NextAnnualNotificationDate = notification.NextAnnualNotification(today).ToContract(),
                ReviewEligibilityDate = notification.ReviewEligibilityDate?.ToContract(),
                Under18AtConviction = notification.Under18AtConviction,
            };
        }
        if (m.RiskToChildren is { } r)
        {
            nominal.RiskToChildren = new Contract.RiskToChildren { Conclusion = (Contract.RiskToChildrenConclusion)r.Conclusion, InformationSources = { r.InformationSources }, Rationale = r.Rationale, RecordedBy = r.RecordedBy, RecordTime = Timestamp.FromDateTimeOffset(r.RecordTime) };
        }
        return nominal;
    }

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

    public static Contract.MappaManagement ToContract(this MappaEntry m) =>
        new() { Category = m.Category, Level = m.Level, Reason = m.Reason, SetBy = m.SetBy, SetTime = Timestamp.FromDateTimeOffset(m.SetTime) };

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
