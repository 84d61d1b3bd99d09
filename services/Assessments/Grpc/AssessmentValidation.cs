using OffenderRisk.Assessments.Domain;
using Contract = OffenderRisk.Contracts.Assessments.V1;

namespace OffenderRisk.Assessments.Grpc;

/// <summary>
/// Turns an assessment as sent by a caller into validated details, naming every bad field by its
/// path in the request (for example <c>assessment.likelihood</c>); then applies R-AS3. Nothing
/// is written on failure.
/// </summary>
public static class AssessmentValidation
{
    /// <summary>R-AS1: every assessment records likelihood, frequency, who may be affected and extent.</summary>
    private const string WhatIsAssessed = "R-AS1";

    /// <summary>Invalid input is INVALID_ARGUMENT (all problems at once); a missing override
    /// rationale or justification is a refusal under R-AS3.</summary>
    public static AssessmentDetails Validate(Contract.Assessment assessment, string prefix)
    {
        var v = new Validator();

        var nominalId = NominalNames.TryParse(assessment.Nominal);
        if (string.IsNullOrEmpty(assessment.Nominal))
        {
            v.Add($"{prefix}.nominal", "is required");
        }
        else if (nominalId is null)
        {
            v.Add($"{prefix}.nominal", "must be a nominal name, nominals/{uuid}");
        }

        v.DefinedEnum($"{prefix}.kind", assessment.Kind)
         .DefinedEnum($"{prefix}.tool_outcome", assessment.ToolOutcome)
         .DefinedEnum($"{prefix}.final_level", assessment.FinalLevel);

        // R-AS1: likelihood, frequency, who may be affected and extent.
        v.Check(assessment.GroupLevels.Count > 0, $"{prefix}.group_levels", "must name at least one group who may be affected", WhatIsAssessed);
        EnumList(v, $"{prefix}.group_levels", assessment.GroupLevels.Select(g => g.Group).ToList());
        v.Required($"{prefix}.likelihood", assessment.Likelihood, WhatIsAssessed).MaxLength($"{prefix}.likelihood", assessment.Likelihood)
         .Required($"{prefix}.frequency", assessment.Frequency, WhatIsAssessed).MaxLength($"{prefix}.frequency", assessment.Frequency)
         .Required($"{prefix}.extent", assessment.Extent, WhatIsAssessed).MaxLength($"{prefix}.extent", assessment.Extent);

        // R-AS4: factors are structured, from the APP's lists.
        EnumList(v, $"{prefix}.static_factors", assessment.StaticFactors);
        EnumList(v, $"{prefix}.dynamic_factors", assessment.DynamicFactors);

        v.MaxLength($"{prefix}.override_rationale", assessment.OverrideRationale)
         .MaxLength($"{prefix}.override_justification", assessment.OverrideJustification);
        if (assessment.FinalLevel == assessment.ToolOutcome)
        {
            // A rationale for an override that did not happen would mislead a reader of the record.
            v.Check(string.IsNullOrEmpty(assessment.OverrideRationale), $"{prefix}.override_rationale", "must be empty when final_level equals tool_outcome")
             .Check(string.IsNullOrEmpty(assessment.OverrideJustification), $"{prefix}.override_justification", "must be empty when final_level equals tool_outcome");
        }
        v.ThrowIfInvalid();

        var toolOutcome = (RiskLevel)assessment.ToolOutcome;
        var finalLevel = (RiskLevel)assessment.FinalLevel;
        var professionalOverride = ProfessionalOverride.Require(
            toolOutcome, finalLevel, assessment.OverrideRationale, assessment.OverrideJustification, prefix);

        return new AssessmentDetails(
            nominalId!,
            (AssessmentKind)assessment.Kind,
            toolOutcome,
            finalLevel,
            assessment.GroupLevels.Select(g => (AffectedGroup)g.Group).ToArray(),
            assessment.Likelihood,
            assessment.Frequency,
            assessment.Extent,
            assessment.StaticFactors.Select(f => (StaticRiskFactor)f).ToArray(),
            assessment.DynamicFactors.Select(f => (DynamicRiskFactor)f).ToArray(),
            professionalOverride);
    }

    /// <summary>Every entry a named, non-zero value, and none twice.</summary>
    private static void EnumList<TEnum>(Validator v, string field, IReadOnlyList<TEnum> values) where TEnum : struct, Enum
    {
        for (var i = 0; i < values.Count; i++)
        {
            v.DefinedEnum($"{field}[{i}]", values[i]);
        }
        v.Check(values.Distinct().Count() == values.Count, field, "must not name the same value twice");
    }
}
