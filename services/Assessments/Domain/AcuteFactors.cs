namespace OffenderRisk.Assessments.Domain;

// The acute factors' vocabulary (TOOLS.md "Acute factors"). Each value has the number of its
// namesake in offenderrisk.assessments.v1 (a unit test keeps the two in step); zero is "not
// given", which validation refuses.

/// <summary>The eight acute factors recorded per review and before each home visit (R-AS9).</summary>
public enum AcuteFactor
{
    Unspecified = 0,
    AccessToVictims = 1,
    EmotionalCollapse = 2,
    CollapseOfSocialSupports = 3,
    Hostility = 4,
    SubstanceMisuse = 5,
    SexualPreoccupations = 6,
    RejectionOfSupervision = 7,
    UniqueToTheOffender = 8,
}

/// <summary>When the acute factors were recorded (R-AS9): at a review of an assessment, or before a home visit.</summary>
public enum AcuteFactorOccasion
{
    Unspecified = 0,
    Review = 1,
    HomeVisit = 2,
}

/// <summary>One factor as recorded: present or absent, with a note (required when present).</summary>
public sealed record AcuteFactorEntry(AcuteFactor Factor, bool Present, string Note);

/// <summary>
/// What an officer records on one occasion: the occasion names the assessment reviewed (a review)
/// or the home visit (a visit), never both.
/// </summary>
public sealed record AcuteFactorDetails(
    string NominalId,
    AcuteFactorOccasion Occasion,
    string? AssessmentId,
    string? HomeVisit,
    IReadOnlyList<AcuteFactorEntry> Entries);

/// <summary>A stored recording of the acute factors for a nominal; never changed once written.</summary>
public sealed record AcuteFactorRecord(
    string Id,
    string ForceCode,
    AcuteFactorDetails Details,
    string RecordedBy,
    DateTimeOffset RecordTime) : INominalRecord
{
    public string NominalId => Details.NominalId;

    public string ResourceName => AcuteFactorRecordNames.Format(Id);

    /// <summary>A new recording, in the force of its nominal, by the caller.</summary>
    public static AcuteFactorRecord New(AcuteFactorDetails details, string force, string recordedBy, DateTimeOffset now) =>
        new(RequestIds.NewId(now), force, details, recordedBy, now);
}

/// <summary>
/// R-AS9: the acute factors are recorded per review and before each home visit, each of the eight
/// present or absent with a note. The one place that decides what a complete recording is.
/// </summary>
public static class AcuteFactorRecording
{
    public const string RuleId = "R-AS9";

    public const int MaxNoteLength = Validator.DefaultMaxTextLength;

    /// <summary>The factors every recording holds, each exactly once.</summary>
    public static readonly IReadOnlyList<AcuteFactor> Factors =
        Enum.GetValues<AcuteFactor>().Where(f => f != AcuteFactor.Unspecified).ToArray();

    /// <summary>
    /// Adds a problem for each entry that breaks R-AS9 (a factor named twice, a present factor
    /// without its note, a note too long) and one for each factor missing, naming the fields under
    /// <paramref name="field"/> (e.g. "record.entries[2].note"). Entries naming no factor are the
    /// caller's to report (their enum check); they count as neither missing nor repeated here.
    /// </summary>
    public static void Check(Validator v, IReadOnlyList<AcuteFactorEntry> entries, string field)
    {
        var seen = new HashSet<AcuteFactor>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (Factors.Contains(entry.Factor) && !seen.Add(entry.Factor))
            {
                v.Add($"{field}[{i}].factor", $"names {Describe(entry.Factor)} again: each factor is recorded exactly once", RuleId);
            }
            if (entry.Present)
            {
                v.Required($"{field}[{i}].note", entry.Note, RuleId);
            }
            v.MaxLength($"{field}[{i}].note", entry.Note, MaxNoteLength);
        }
        foreach (var missing in Factors.Where(f => !seen.Contains(f)))
        {
            v.Add(field, $"must record {Describe(missing)}, present or absent", RuleId);
        }
    }

    /// <summary>
    /// A review records the acute factors of the nominal whose assessment it reviews: an assessment
    /// of another nominal is refused (R-AS9), naming <paramref name="field"/>.
    /// </summary>
    public static void EnsureReviewOf(AssessmentRecord reviewed, AcuteFactorDetails details, string field)
    {
        if (reviewed.NominalId != details.NominalId)
        {
            throw new RuleViolationException(RuleId, field, "a review records the acute factors of the nominal whose assessment it reviews; this assessment is of another nominal");
        }
    }

    /// <summary>The factor as the contract names it, e.g. ACUTE_FACTOR_HOSTILITY.</summary>
    public static string Describe(AcuteFactor factor) => "ACUTE_FACTOR_" + string.Concat(
        factor.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
