namespace OffenderRisk.Assessments.Domain.Tools;

// The actuarial tools' vocabulary, owned by the domain. Gender has the names and numbers of
// offenderrisk.nominals.v1.Gender, so a contract for these inputs can reuse them and cast. Zero is
// "not given", which validation refuses: TOOLS.md never defaults a missing input.

/// <summary>The person's gender as the OSP tools take it (R-AS2).</summary>
public enum Gender
{
    Unspecified = 0,
    Male = 1,
    Female = 2,
    Other = 3,
    Unknown = 4,
}

/// <summary>Whether any victim was a stranger: the one OSP/DC input with an explicit "unknown" (TOOLS.md).</summary>
public enum StrangerVictim
{
    Unspecified = 0,
    Yes = 1,
    No = 2,
    Unknown = 3,
}

/// <summary>What OSP/DC gives for a person (TOOLS.md eligibility).</summary>
public enum OspDcOutcome
{
    /// <summary>A man with at least one sexual sanction: points, band and probability.</summary>
    Scored = 1,

    /// <summary>A woman with a sexual sanction: the tool was not built on women.</summary>
    NotApplicable = 2,

    /// <summary>No sexual sanction at all: the tool gives no score.</summary>
    NoScore = 3,
}

/// <summary>The row of the OSP/IIC hierarchy that matched first (TOOLS.md), kept for the audit trail.</summary>
public enum OspIicCondition
{
    TwoOrMoreIndecentImageSanctions = 1,
    OneIndecentImageSanction = 2,
    TwoOrMoreContactChildSanctions = 3,
    OneContactChildSanction = 4,
    NoSexualSanctions = 5,
    AnythingElse = 6,
}
