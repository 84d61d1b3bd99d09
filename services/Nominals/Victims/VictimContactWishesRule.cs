namespace OffenderRisk.Nominals.Victims;

/// <summary>
/// R-VI3: a victim's wishes about contact are recorded and respected. A contact that goes against
/// them is refused before anything is written.
/// <list type="bullet">
/// <item>CONTACT_ALLOWED: every kind.</item>
/// <item>NO_CONTACT: none.</item>
/// <item>WRITTEN_ONLY: letters and emails; no phone calls and no visits.</item>
/// <item>VIA_LIAISON_ONLY: every kind, made by the victim liaison officer. Only that role may call
/// the victim compartment at all, so the check holds by the policy; it is repeated here so that the
/// rule does not silently depend on how the RPC is authorised.</item>
/// <item>Unspecified or unknown wishes: none (wishes that cannot be read are not assumed to allow
/// contact).</item>
/// </list>
/// </summary>
public static class VictimContactWishesRule
{
    public const string RuleId = "R-VI3";

    public static bool Permits(VictimContactWishes wishes, VictimContactActionKind kind, bool byLiaisonOfficer) => wishes switch
    {
        VictimContactWishes.ContactAllowed => true,
        VictimContactWishes.WrittenOnly => IsWritten(kind),
        VictimContactWishes.ViaLiaisonOnly => byLiaisonOfficer,
        _ => false,
    };

    /// <summary>Refuses, citing R-VI3 on <c>contact_action.kind</c>, a contact the wishes do not allow.</summary>
    public static void EnsurePermitted(VictimContactWishes wishes, VictimContactActionKind kind, bool byLiaisonOfficer)
    {
        if (Permits(wishes, kind, byLiaisonOfficer))
        {
            return;
        }
        var why = wishes switch
        {
            VictimContactWishes.NoContact => "the victim asked for no contact",
            VictimContactWishes.WrittenOnly => "the victim asked for written contact only (letters and emails)",
            VictimContactWishes.ViaLiaisonOnly => "the victim asked to be contacted only by the victim liaison officer",
            _ => "the victim's contact wishes are not recorded",
        };
        throw new RuleViolationException(RuleId, "contact_action.kind", why);
    }

    /// <summary>Whether the wishes allow reaching the victim through a channel at all.</summary>
    public static bool AllowsChannel(VictimContactWishes wishes, VictimContactChannel channel) => wishes switch
    {
        VictimContactWishes.ContactAllowed or VictimContactWishes.ViaLiaisonOnly => channel is VictimContactChannel.Phone or VictimContactChannel.Email or VictimContactChannel.Post,
        VictimContactWishes.WrittenOnly => channel is VictimContactChannel.Email or VictimContactChannel.Post,
        _ => false,
    };

    private static bool IsWritten(VictimContactActionKind kind) =>
        kind is VictimContactActionKind.Letter or VictimContactActionKind.Email;
}
