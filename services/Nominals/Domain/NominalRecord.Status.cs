namespace OffenderRisk.Nominals.Domain;

/// <summary>The nominal's management status changes (R-ID1, R-RM1, R-RM2, R-RM4).</summary>
public sealed partial record NominalRecord
{
    /// <summary>
    /// R-RM4: a new SHPO or SRO, a refused discharge, a change of lead agency to probation or prison,
    /// or a further sexual offence returns a reactive nominal to active management, with a feed event
    /// and a work item for its MOSOVO officer naming the record that triggered it. Any other status
    /// is left as it is.
    /// </summary>
    public NominalChange ReturnToActiveIfReactive(StatusChangeTrigger trigger, string triggerRecord, string actingUser, DateTimeOffset now)
    {
        if (Status != ManagementStatus.Reactive)
        {
            return NominalChange.Quiet(this);
        }
        _ = actingUser;
        _ = now;
        return new NominalChange(this with { Status = ManagementStatus.Active },
            [new NominalFeedEvent(NominalEventType.StatusChanged, null,
                new Dictionary<string, string> { ["trigger_record"] = triggerRecord },
                new Dictionary<string, Enum>
                {
                    ["status"] = ManagementStatus.Active,
                    ["previous_status"] = ManagementStatus.Reactive,
                    ["trigger"] = trigger,
                })],
            WorkItems: [new WorkItemToOpen(WorkItemKind.ReturnedToActive, triggerRecord, ProtoEnumName(trigger))]);
    }

    private static string ProtoEnumName(StatusChangeTrigger trigger) => trigger switch
    {
        StatusChangeTrigger.NewSexualOrder => "NEW_SEXUAL_ORDER",
        StatusChangeTrigger.DischargeRefused => "DISCHARGE_REFUSED",
        StatusChangeTrigger.LeadAgencyProbationOrPrison => "LEAD_AGENCY_PROBATION_OR_PRISON",
        StatusChangeTrigger.FurtherSexualOffence => "FURTHER_SEXUAL_OFFENCE",
        _ => "STATUS_CHANGED",
    };
}
