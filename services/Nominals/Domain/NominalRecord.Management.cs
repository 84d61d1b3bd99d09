namespace OffenderRisk.Nominals.Domain;

/// <summary>
/// The management changes of a nominal. Each checks its rules and returns the changed nominal with
/// the feed events it raises; the acting user is passed as a plain id (and roles as flags).
/// </summary>
public sealed partial record NominalRecord
{
    public NominalChange AssignOfficer(string officer, string reason, string actingUser, DateTimeOffset now) =>
        NominalChange.Quiet(this with
        {
            Management = Management with
            {
                MosovoOfficer = officer,
                OfficerHistory = [.. Management.OfficerHistory, new OfficerAssignmentEntry(officer, actingUser, now, reason)],
            },
        });

    /// <summary>
    /// R-MG2 (<see cref="LeadAgencyRule"/>), and R-AS5: a change of lead agency (not the first
    /// setting of one) raises a police ARMS obligation due 15 working days after the date the
    /// change takes effect. R-RM4: a change to probation or prison returns a reactive nominal to
    /// active management.
    /// </summary>
    public NominalChange ChangeLeadAgency(LeadAgency agency, string managerAuthority, string reason, string actingUser, DateTimeOffset now,
        DateOnly effective, ArmsSchedule arms)
    {
        LeadAgencyRule.Check(Details.Category, agency, managerAuthority);
        var m = Management;
        if (m.LeadAgency == agency)
        {
            throw new PreconditionFailedException("NO_CHANGE", "lead_agency", "the nominal already has this lead agency");
        }
        var entry = new LeadAgencyEntry(agency, managerAuthority, reason, actingUser, now, effective);
        var changed = m with { LeadAgency = agency, LeadAgencyHistory = [.. m.LeadAgencyHistory, entry] };
        var firstSetting = m.LeadAgency == LeadAgency.Unspecified;
        var due = arms.DueFrom(effective);
        IReadOnlyList<LedgerEntry> ledger = firstSetting
            ? []
            : [new RaiseObligation(ObligationKind.Arms, ObligationTriggers.LeadAgencyChanged,
                $"lead-agency:{changed.LeadAgencyHistory.Count}", ResourceName, effective, due)];
        var change = new NominalChange(this with { Management = changed },
            [new NominalFeedEvent(NominalEventType.LeadAgencyChanged, firstSetting ? null : due, Codes: new Dictionary<string, Enum>
            {
                ["lead_agency"] = agency,
                ["previous_lead_agency"] = m.LeadAgency,
            })], ledger);
        return agency is LeadAgency.Probation or LeadAgency.Prison
            ? change.Then(n => n.ReturnToActiveIfReactive(StatusChangeTrigger.LeadAgencyProbationOrPrison, ResourceName, actingUser, now))
            : change;
    }

    /// <summary>Adds a civil order, announced on the feed. R-RM4: a new SHPO or SRO returns a reactive nominal to active management.</summary>
    public NominalChange AddCivilOrder(CivilOrderType type, string description, DateOnly start, DateOnly? end, bool pendingDischarge,
        string actingUser, DateTimeOffset now)
    {
        var order = new CivilOrderRecord(Guid.CreateVersion7(now).ToString("D"), type, description.Trim(), start, end, pendingDischarge);
        var orderName = CivilOrderNames.Format(Id, order.Id);
        var added = new NominalChange(this with { Management = Management with { CivilOrders = [.. Management.CivilOrders, order] } },
            [new NominalFeedEvent(NominalEventType.CivilOrderAdded, null,
                new Dictionary<string, string> { ["civil_order"] = orderName },
                new Dictionary<string, Enum> { ["civil_order_type"] = type })]);
        return order.IsSexualOrder
            ? added.Then(n => n.ReturnToActiveIfReactive(StatusChangeTrigger.NewSexualOrder, orderName, actingUser, now))
            : added;
    }

    /// <summary>
    /// Changes an order's end date (when given) and/or pending discharge (null: unchanged); the end may not
    /// precede the start. An unknown order is NOT_FOUND under the name it was asked for. R-RM4, R-RM2: a
    /// refused discharge (a sexual order's pending discharge withdrawn while it stays in force) returns a
    /// reactive nominal to active management; an order that ends (is discharged) does not.
    /// </summary>
    public NominalChange UpdateCivilOrder(string orderId, string orderName, bool endDateGiven, DateOnly? endDate, bool? pendingDischarge,
        string actingUser, DateTimeOffset now)
    {
        var existing = Management.CivilOrders.FirstOrDefault(o => o.Id == orderId)
            ?? throw new ResourceNotFoundException(orderName);
        var changed = existing with
        {
            EndDate = endDateGiven ? endDate : existing.EndDate,
            PendingDischarge = pendingDischarge ?? existing.PendingDischarge,
        };
        if (changed.EndDate is { } e && e < changed.StartDate)
        {
            throw ValidationFailedException.For("civil_order.end_date", "must not be before the start date");
        }
        var updated = NominalChange.Quiet(this with
        {
            Management = Management with { CivilOrders = Management.CivilOrders.Select(o => o.Id == existing.Id ? changed : o).ToArray() },
        });
        var dischargeRefused = existing.IsSexualOrder && existing.PendingDischarge && !changed.PendingDischarge && changed.InForceOn(Today(now));
        return dischargeRefused
            ? updated.Then(n => n.ReturnToActiveIfReactive(StatusChangeTrigger.DischargeRefused, CivilOrderNames.Format(Id, existing.Id), actingUser, now))
            : updated;
    }

    /// <summary>
    /// R-RM6: intelligence assessed as a significant change requires an ARMS review (an obligation
    /// due after the R-AS5 period from the day of the assessment) and flags the nominal for review
    /// (<see cref="SignificantChange"/>); the feed names the intelligence.
    /// </summary>
    public NominalChange RecordSignificantChange(string intelligence, DateTimeOffset now, ArmsSchedule arms)
    {
        var today = Today(now);
        var due = arms.DueFrom(today);
        return new NominalChange(this with { Management = SignificantChange.Apply(Management) },
            [new NominalFeedEvent(NominalEventType.SignificantChange, due, new Dictionary<string, string> { ["intelligence"] = intelligence })],
            [new RaiseObligation(ObligationKind.Arms, ObligationTriggers.SignificantChange, "significant-change:" + intelligence, intelligence, today, due)]);
    }

    /// <summary>R-MG7: recorded non-cooperation flags the nominal for review (<see cref="NonCooperationReview"/>); the feed names the record.</summary>
    public NominalChange RecordNonCooperation(NonCooperationKind kind, string nonCooperation) =>
        new(this with { Management = NonCooperationReview.Flag(Management, kind) },
            [new NominalFeedEvent(NominalEventType.NonCooperation, null,
                new Dictionary<string, string> { ["non_cooperation"] = nonCooperation },
                new Dictionary<string, Enum> { ["kind"] = kind })]);

    private static DateOnly Today(DateTimeOffset now) => LocalDates.DateOf(now);
}

