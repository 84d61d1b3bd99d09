namespace OffenderRisk.IdentityChecks.Domain;

/// <summary>
/// R-IC1: identity enquiries with DVLA and HMPO, and marker requests, are made only on a recorded
/// ground. The check runs before anything is stored and before any agency is called.
/// </summary>
public static class EnquiryGrounds
{
    public const string RuleId = "R-IC1";

    /// <summary>Whether an enquiry with this agency needs a ground (DVLA and HMPO do; PNC and PND do not).</summary>
    public static bool IsRequiredFor(Agency agency) => agency is Agency.Dvla or Agency.Hmpo;

    /// <summary>Refuses a missing ground (FAILED_PRECONDITION citing R-IC1) and an unknown one (INVALID_ARGUMENT citing R-IC1: grounds are the rule's list).</summary>
    public static void Require(EnquiryGround ground, string field = "ground")
    {
        if (ground != EnquiryGround.Unspecified && !Enum.IsDefined(ground))
        {
            throw ValidationFailedException.For(field, $"has unknown value {(int)ground}", RuleId);
        }
        if (ground == EnquiryGround.Unspecified)
        {
            throw new RuleViolationException(RuleId, field,
                "a DVLA or HMPO enquiry or marker request needs a recorded ground: overseas travel (likely to leave to offend, "
                + "an occupation with regular travel, only a hub airport declared, or travels regularly), a vocation with regular "
                + "contact with vulnerable persons, or previous fraud using a change of identity");
        }
    }
}
