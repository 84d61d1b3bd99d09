using System.Text.RegularExpressions;
using OffenderRisk.Assessments.Domain;
using Contract = OffenderRisk.Contracts.Assessments.V1;

namespace OffenderRisk.Assessments.Grpc;

/// <summary>
/// Turns an acute-factor record as sent by a caller into validated details, naming every bad field
/// by its path in the request (for example <c>record.entries[3].note</c>), all at once
/// (INVALID_ARGUMENT, with R-AS9 on what that rule requires). Nothing is written on failure. That a
/// reviewed assessment exists, is visible and is of the same nominal is checked where it is read,
/// in the unit of work that writes the record.
/// </summary>
public static partial class AcuteFactorValidation
{
    public const int MaxHomeVisitLength = 200;

    public static AcuteFactorDetails Validate(Contract.AcuteFactorRecord record, string prefix)
    {
        var v = new Validator();

        var nominalId = NominalNames.Check(v, record.Nominal, $"{prefix}.nominal");
        v.DefinedEnum($"{prefix}.occasion", record.Occasion, rule: AcuteFactorRecording.RuleId);
        var assessmentId = ValidateOccasion(v, record, prefix);

        var entries = record.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            v.DefinedEnum($"{prefix}.entries[{i}].factor", entries[i].Factor, rule: AcuteFactorRecording.RuleId);
        }
        var domainEntries = entries.Select(e => new AcuteFactorEntry((AcuteFactor)e.Factor, e.Present, e.Note)).ToArray();
        AcuteFactorRecording.Check(v, domainEntries, $"{prefix}.entries");
        v.ThrowIfInvalid();

        return new AcuteFactorDetails(
            nominalId!,
            (AcuteFactorOccasion)record.Occasion,
            assessmentId,
            string.IsNullOrEmpty(record.HomeVisit) ? null : record.HomeVisit,
            domainEntries);
    }

    /// <summary>
    /// R-AS9: a review names the assessment reviewed and no visit; a home visit names the visit
    /// and no assessment. Returns the assessment's id for a well-formed review.
    /// </summary>
    private static string? ValidateOccasion(Validator v, Contract.AcuteFactorRecord record, string prefix)
    {
        var assessmentField = $"{prefix}.assessment";
        var visitField = $"{prefix}.home_visit";
        switch (record.Occasion)
        {
            case Contract.AcuteFactorOccasion.Review:
                v.Required(assessmentField, record.Assessment, AcuteFactorRecording.RuleId)
                 .Check(string.IsNullOrEmpty(record.HomeVisit), visitField, "must be empty for a review", AcuteFactorRecording.RuleId);
                var assessmentId = ResourceNames.TryParseId(AssessmentNames.Collection, record.Assessment);
                v.Check(string.IsNullOrEmpty(record.Assessment) || assessmentId is not null, assessmentField, "must be an assessment name, assessments/{uuid}");
                return assessmentId;
            case Contract.AcuteFactorOccasion.HomeVisit:
                v.Required(visitField, record.HomeVisit, AcuteFactorRecording.RuleId)
                 .Check(string.IsNullOrEmpty(record.Assessment), assessmentField, "must be empty for a home visit", AcuteFactorRecording.RuleId);
                if (record.HomeVisit.Length > MaxHomeVisitLength)
                {
                    v.MaxLength(visitField, record.HomeVisit, MaxHomeVisitLength);
                }
                else
                {
                    v.Matches(visitField, record.HomeVisit, HomeVisitReference(), "a visit reference of letters, digits and \"/-_\"");
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>A visit reference as the visit record names it: the whole value, bounded.</summary>
    [GeneratedRegex(@"\A[A-Za-z0-9/_-]{1,200}\z", RegexOptions.CultureInvariant)]
    private static partial Regex HomeVisitReference();
}
