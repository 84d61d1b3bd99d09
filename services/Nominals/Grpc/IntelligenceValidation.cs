using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using OffenderRisk.Contracts.Nominals.V1;
using Contract = OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>
/// Turns intelligence, non-cooperation, assessments and service-raised work items as sent by a
/// caller into validated values, naming every bad field by its path in the request. Messages name
/// fields, never values (which may be personal data).
/// </summary>
public static partial class IntelligenceValidation
{
    public const int MaxTextLength = Validator.DefaultMaxTextLength;
    public const int MaxLocationLength = 200;
    public const int MaxOtherAgencyLength = 100;
    public const int MaxReferenceLength = 200;

    /// <summary>
    /// Clocks of handheld devices drift: a time up to this far ahead of ours is taken as "now",
    /// not as the future.
    /// </summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(2);

    public static readonly DateTimeOffset EarliestTime = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>R-ID4: the source is one of the APP's list; R-ID2: text, when and where.</summary>
    public static IntelligenceDetails Validate(Intelligence? intelligence, string prefix, DateTimeOffset now)
    {
        var v = new Validator();
        if (intelligence is null)
        {
            v.Add(prefix, "is required").ThrowIfInvalid();
        }
        var i = intelligence!;
        v.DefinedEnum($"{prefix}.source", i.Source, rule: "R-ID4");
        if (i.Source == Contract.IntelligenceSource.OtherAgency)
        {
            v.Required($"{prefix}.other_agency", i.OtherAgency, "R-ID4")
             .MaxLength($"{prefix}.other_agency", i.OtherAgency, MaxOtherAgencyLength);
        }
        else
        {
            v.Check(string.IsNullOrEmpty(i.OtherAgency), $"{prefix}.other_agency", "is only for source INTELLIGENCE_SOURCE_OTHER_AGENCY", "R-ID4");
        }
        v.Required($"{prefix}.text", i.Text, "R-ID2").MaxLength($"{prefix}.text", i.Text, MaxTextLength)
         .MaxLength($"{prefix}.location", i.Location, MaxLocationLength);
        var observed = PastTime(v, i.ObserveTime, $"{prefix}.observe_time", now);
        v.ThrowIfInvalid();
        return new IntelligenceDetails((IntelligenceSource)i.Source, i.OtherAgency.Trim(), i.Text, observed, i.Location.Trim(), i.RiskOfSeriousHarm);
    }

    /// <summary>R-MG7: what kind of non-cooperation, what happened and when.</summary>
    public static (NonCooperationKind Kind, string Details, DateTimeOffset OccurTime) Validate(NonCooperation? nonCooperation, string prefix, DateTimeOffset now)
    {
        var v = new Validator();
        if (nonCooperation is null)
        {
            v.Add(prefix, "is required").ThrowIfInvalid();
        }
        var n = nonCooperation!;
        v.DefinedEnum($"{prefix}.kind", n.Kind, rule: NonCooperationReview.RuleId)
         .Required($"{prefix}.details", n.Details, NonCooperationReview.RuleId)
         .MaxLength($"{prefix}.details", n.Details, MaxTextLength);
        var occurred = PastTime(v, n.OccurTime, $"{prefix}.occur_time", now);
        v.ThrowIfInvalid();
        return ((NonCooperationKind)n.Kind, n.Details, occurred);
    }

    /// <summary>
    /// The shape of an assessment: significance, known actions without repeats, a rationale
    /// (R-AU3). Whether the actions suit the significance is the rule R-RM6, checked by
    /// <see cref="SignificantChange.CheckActions"/>.
    /// </summary>
    public static (ChangeSignificance Significance, IReadOnlyList<AssessmentAction> Actions, string Rationale) Validate(IntelligenceAssessment? assessment, string prefix)
    {
        var v = new Validator();
        if (assessment is null)
        {
            v.Add(prefix, "is required").ThrowIfInvalid();
        }
        var a = assessment!;
        v.DefinedEnum($"{prefix}.significance", a.Significance, rule: SignificantChange.RuleId);
        for (var i = 0; i < a.Actions.Count; i++)
        {
            v.DefinedEnum($"{prefix}.actions[{i}]", a.Actions[i]);
        }
        v.Check(a.Actions.Distinct().Count() == a.Actions.Count, $"{prefix}.actions", "must not repeat an action")
         .Required($"{prefix}.rationale", a.Rationale, "R-AU3")
         .MaxLength($"{prefix}.rationale", a.Rationale, MaxTextLength);
        v.ThrowIfInvalid();
        return ((ChangeSignificance)a.Significance, a.Actions.Select(x => (AssessmentAction)x).ToList(), a.Rationale);
    }

    /// <summary>A work item another service raises: kind, a code (never personal data), a reference.</summary>
    public static void ValidateServiceWorkItem(CreateWorkItemRequest request)
    {
        var v = new Validator();
        v.DefinedEnum("kind", request.Kind)
         .Check(request.Kind != Contract.WorkItemKind.Intelligence, "kind", "INTELLIGENCE is raised by RecordIntelligence, which keeps the source", "R-ID4")
         .Required("summary_code", request.SummaryCode)
         .Matches("summary_code", request.SummaryCode, SummaryCodePattern(), "an UPPER_SNAKE code of 2-64 characters")
         .MaxLength("reference", request.Reference, MaxReferenceLength);
        v.ThrowIfInvalid();
    }

    /// <summary>The outcome a work item is closed with.</summary>
    public static void ValidateOutcome(string outcome)
    {
        var v = new Validator();
        v.Required("outcome", outcome).MaxLength("outcome", outcome, MaxTextLength).ThrowIfInvalid();
    }

    /// <summary>A required instant, not in the future (allowing for clock skew) and not before 1900 (also used for notifications).</summary>
    internal static DateTimeOffset PastTime(Validator v, Timestamp? time, string field, DateTimeOffset now)
    {
        if (time is null)
        {
            v.Add(field, "is required");
            return default;
        }
        DateTimeOffset value;
        try
        {
            value = time.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            v.Add(field, "is not a valid timestamp");
            return default;
        }
        v.Check(value <= now + ClockSkewAllowance, field, "must not be in the future")
         .Check(value >= EarliestTime, field, "must not be before 1900-01-01");
        return value;
    }

    [GeneratedRegex(@"\A[A-Z][A-Z0-9_]{1,63}\z")]
    private static partial Regex SummaryCodePattern();
}
