using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Interventions.Domain;
using Contract = OffenderRisk.Contracts.Interventions.V1;

namespace OffenderRisk.Interventions.Grpc;

/// <summary>Plan versions between the contract and the domain: what the author sent, and what is answered.</summary>
internal static class PlansMapping
{
    /// <summary>
    /// The author's fields of <paramref name="sent"/> as the domain takes them, checked (<see cref="PlanRules.Check"/>):
    /// INVALID_ARGUMENT naming every problem. Output-only fields are ignored.
    /// </summary>
    public static PlanContent ContentOf(Contract.Plan sent, string prefix)
    {
        var v = new Validator();
        // Bounded before anything is read of the lists (hostile input).
        var objectives = sent.Objectives.Count <= PlanRules.MaxObjectives
            ? sent.Objectives.Select(o => new PlanObjective(o.Id, o.Outcome)).ToList()
            : [.. Enumerable.Repeat(new PlanObjective("", ""), sent.Objectives.Count)];
        var actions = new List<PlanAction>();
        if (sent.Actions.Count <= PlanRules.MaxActions)
        {
            for (var i = 0; i < sent.Actions.Count; i++)
            {
                var a = sent.Actions[i];
                var due = CalendarDates.Read(v, a.DueDate, $"{prefix}.actions[{i}].due_date", PlanLifecycle.RuleId);
                actions.Add(new PlanAction(a.Id, (ActionHeading)a.Heading, a.Description, a.Owner, due ?? default, [.. a.Objectives]));
            }
        }
        else
        {
            actions.AddRange(Enumerable.Repeat(new PlanAction("", ActionHeading.Unspecified, "", "", default, []), sent.Actions.Count));
        }
        var content = new PlanContent(sent.Summary, objectives, actions, sent.VictimSafety, sent.VictimsIdentified,
            CalendarDates.Read(v, sent.ReviewDate, $"{prefix}.review_date", "R-RM4"));
        PlanRules.Check(v, content, prefix);
        v.ThrowIfInvalid();
        return content;
    }

    /// <summary>The nominal's facts the plan rules decide on.</summary>
    public static PlanNominal PlanNominalOf(NominalSnapshot n) => new(
        n.MosovoOfficer,
        n.LeadAgency == Contracts.Nominals.V1.LeadAgency.Police,
        n.ManagementStatus == Contracts.Nominals.V1.ManagementStatus.Reactive,
        n.MappaLevel);

    public static Contract.Plan ToContract(this PlanRecord p)
    {
        var contract = new Contract.Plan
        {
            Name = p.ResourceName,
            Nominal = NominalNames.Format(p.NominalId),
            ForceCode = p.ForceCode,
            Kind = (Contract.PlanKind)p.Kind,
            Version = p.Number,
            Revises = p.Revises is null ? "" : PlanNames.Format(p.Revises),
            State = (Contract.PlanState)p.State,
            Summary = p.Content.Summary,
            Objectives = { p.Content.Objectives.Select(o => new Contract.PlanObjective { Id = o.Id, Outcome = o.Outcome }) },
            Actions = { p.Content.Actions.Select(ToContract) },
            VictimSafety = p.Content.VictimSafety,
            VictimsIdentified = p.Content.VictimsIdentified,
            ReviewDate = CalendarDates.ToContract(p.Content.ReviewDate),
            Author = p.Author,
            CountersignedBy = p.Countersignature?.Supervisor ?? "",
            Returns = { p.Returns.Select(r => new Contract.PlanReturn { ReturnedBy = r.ReturnedBy, ReturnTime = Timestamp.FromDateTimeOffset(r.Time), Reason = r.Reason }) },
            SupersededBy = p.SupersededBy is null ? "" : PlanNames.Format(p.SupersededBy),
            Current = p.Current,
            CreateTime = Timestamp.FromDateTimeOffset(p.CreateTime),
            UpdateTime = Timestamp.FromDateTimeOffset(p.UpdateTime),
            Etag = Etag.From(p.Version),
        };
        if (p.Countersignature is not null)
        {
            contract.CountersignTime = Timestamp.FromDateTimeOffset(p.Countersignature.Time);
        }
        if (p.SubmitTime is { } submitted)
        {
            contract.SubmitTime = Timestamp.FromDateTimeOffset(submitted);
        }
        return contract;
    }

    private static Contract.PlanAction ToContract(PlanAction a)
    {
        var contract = new Contract.PlanAction
        {
            Id = a.Id,
            Heading = (Contract.ActionHeading)a.Heading,
            Description = a.Description,
            Owner = a.Owner,
            DueDate = CalendarDates.ToContract(a.DueDate),
            Objectives = { a.Objectives },
        };
        if (a.Completion is { } c)
        {
            contract.Completion = new Contract.ActionCompletion
            {
                CompletionDate = CalendarDates.ToContract(c.CompletionDate),
                Note = c.Note,
                CompletedBy = c.CompletedBy,
                RecordTime = Timestamp.FromDateTimeOffset(c.RecordTime),
            };
        }
        return contract;
    }
}
