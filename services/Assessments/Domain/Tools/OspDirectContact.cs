namespace OffenderRisk.Assessments.Domain.Tools;

/// <summary>Each OSP/DC item's points, kept with the score for the audit trail (TOOLS.md's seven items).</summary>
public sealed record OspDcItems(
    int ContactAdultSanctions,
    int ContactChildSanctions,
    int NonContactSanctions,
    int AgeAtFollowUpStart,
    int AgeAtLastSexualSanction,
    int TotalSanctions,
    int StrangerVictim)
{
    public int Sum => ContactAdultSanctions + ContactChildSanctions + NonContactSanctions + AgeAtFollowUpStart
        + AgeAtLastSexualSanction + TotalSanctions + StrangerVictim;
}

/// <summary>
/// An OSP/DC result. Only <see cref="OspDcOutcome.Scored"/> has items; <see cref="Band"/> is null
/// when there is no band ("not applicable", which 0 points also gives). <see cref="Probability"/>
/// is the two-year probability rounded to 4 decimal places. <see cref="ToolVersion"/> is stored
/// beside the score so a later change of weights never rewrites it.
/// </summary>
public sealed record OspDcScore(OspDcOutcome Outcome, int Points, RiskLevel? Band, double Probability, OspDcItems? Items, string ToolVersion);

/// <summary>
/// R-AS2: OSP/DC, the OASys Sexual reoffending Predictor for direct contact, computed exactly as
/// TOOLS.md gives it. No sexual sanction: no score. A woman: not applicable. A man: seven items
/// summed to 0-64 points, a band and a two-year probability. Not scorable (refused citing R-AS2,
/// naming the field): gender other or unknown (the tool was built on men, and TOOLS.md never
/// defaults an input) and under 18 at the start of follow-up.
/// </summary>
public static class OspDirectContact
{
    public const string RuleId = "R-AS2";

    /// <summary>The weights below; a change of any of them is a new version.</summary>
    public const string ToolVersion = "OSP/DC TOOLS.md-v1";

    public const int MinimumAgeAtFollowUp = 18;
    public const int AgeAtFollowUpScoringNothing = 63;

    private const double Intercept = -8.6333;
    private const double PointWeight = 0.1598;

    /// <summary>The score for <paramref name="inputs"/>, validated first (INVALID_ARGUMENT naming the fields under <paramref name="prefix"/>).</summary>
    public static OspDcScore Score(OspInputs inputs, string prefix)
    {
        inputs.Validate(prefix);
        if (inputs.SexualSanctions == 0)
        {
            return new OspDcScore(OspDcOutcome.NoScore, 0, null, 0, null, ToolVersion);
        }
        if (inputs.Gender == Gender.Female)
        {
            return new OspDcScore(OspDcOutcome.NotApplicable, 0, null, 0, null, ToolVersion);
        }
        if (inputs.Gender != Gender.Male)
        {
            throw new RuleViolationException(RuleId, $"{prefix}.{OspInputs.GenderField}",
                "OSP/DC is scored for men only and a gender recorded as other or unknown is not defaulted: record the gender, or assess without OSP/DC");
        }

        var ageAtFollowUp = PersonAge.On(inputs.DateOfBirth!.Value, inputs.FollowUpStartDate!.Value);
        if (ageAtFollowUp < MinimumAgeAtFollowUp)
        {
            throw new RuleViolationException(RuleId, $"{prefix}.{OspInputs.DateOfBirthField}",
                $"under {MinimumAgeAtFollowUp} at the start of follow-up: OSP/DC is not scorable");
        }
        var ageAtLastSanction = PersonAge.On(inputs.DateOfBirth.Value, inputs.LastSexualSanctionDate!.Value);

        var items = new OspDcItems(
            ContactAdultSanctions: Math.Min(inputs.ContactAdultSanctions, 3) * 5,
            ContactChildSanctions: Math.Min(inputs.ContactChildSanctions, 3) * 3,
            NonContactSanctions: Math.Min(inputs.NonContactSanctions, 3) * 2,
            AgeAtFollowUpStart: ageAtFollowUp >= AgeAtFollowUpScoringNothing ? 0 : 20 - (ageAtFollowUp / 3),
            AgeAtLastSexualSanction: ageAtLastSanction switch { <= 15 => 0, <= 17 => 5, _ => 10 },
            TotalSanctions: inputs.TotalSanctions >= 2 ? 6 : 0,
            StrangerVictim: inputs.StrangerVictim switch { StrangerVictim.Yes => 4, StrangerVictim.Unknown => 2, _ => 0 });
        var points = items.Sum;
        return new OspDcScore(OspDcOutcome.Scored, points, BandOf(points), ProbabilityOf(points), items, ToolVersion);
    }

    /// <summary>TOOLS.md's bands: 0 none ("not applicable"), 1-21 low, 22-29 medium, 30-35 high, 36-64 very high.</summary>
    public static RiskLevel? BandOf(int points) => points switch
    {
        <= 0 => null,
        <= 21 => RiskLevel.Low,
        <= 29 => RiskLevel.Medium,
        <= 35 => RiskLevel.High,
        _ => RiskLevel.VeryHigh,
    };

    /// <summary>
    /// p = e^z / (1 + e^z), z = −8.6333 + 0.1598 × points; 0 points gives 0. Rounded half away
    /// from zero to 4 decimal places (a percentage to 2), so the stored value is the shown one.
    /// </summary>
    public static double ProbabilityOf(int points)
    {
        if (points <= 0)
        {
            return 0;
        }
        var z = Intercept + (PointWeight * points);
        return Math.Round(1 / (1 + Math.Exp(-z)), 4, MidpointRounding.AwayFromZero);
    }
}
