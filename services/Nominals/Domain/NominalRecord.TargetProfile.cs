namespace OffenderRisk.Nominals.Domain;

/// <summary>The NIM target profile flag (R-MG6).</summary>
public sealed partial record NominalRecord
{
    /// <summary>
    /// A supervisor sets or removes the flag (R-MG6). Removing it departs from the default for a
    /// very high risk nominal, so it needs a rationale (R-AU3); setting it may give one. Both are
    /// kept in the history. Asking for the flag as it already is changes nothing and is refused.
    /// </summary>
    public NominalChange SetTargetProfile(bool flagged, string rationale, string actingUser, DateTimeOffset now)
    {
        if (!flagged && string.IsNullOrWhiteSpace(rationale))
        {
            throw new RuleViolationException("R-MG6", "rationale", "removing the NIM target profile flag needs a rationale (R-AU3)");
        }
        if ((Management.TargetProfile?.Flagged ?? false) == flagged)
        {
            throw new PreconditionFailedException("NO_CHANGE", "flagged",
                flagged ? "the nominal is already flagged for a NIM target profile" : "the nominal is not flagged for a NIM target profile");
        }
        return NominalChange.Quiet(this with
        {
            Management = WithTargetProfile(Management, new TargetProfileEntry(flagged, rationale.Trim(), actingUser, now)),
        });
    }

    /// <summary>The flag as <paramref name="entry"/> sets it, kept in the bounded history.</summary>
    private static NominalManagement WithTargetProfile(NominalManagement m, TargetProfileEntry entry) => m with
    {
        TargetProfile = entry,
        TargetProfileHistory = Bounded(m.TargetProfileHistory.Append(entry), NominalManagement.MaxTargetProfileHistory),
    };
}
