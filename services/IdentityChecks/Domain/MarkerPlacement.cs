namespace OffenderRisk.IdentityChecks.Domain;

/// <summary>What the agency did with a marker placement that it answered.</summary>
public enum MarkerPlacementOutcome
{
    /// <summary>Placed now (201), or a replay of our earlier delivery with the same key (200).</summary>
    Placed,
    /// <summary>The agency already held a marker placed under another key: done, do not retry.</summary>
    AlreadyPresent,
    /// <summary>Refused for good (no such document, invalid request): do not retry.</summary>
    Rejected,
}

/// <summary>A definite answer to a marker placement. Transient failures are thrown instead.</summary>
public sealed record MarkerPlacement(MarkerPlacementOutcome Outcome, string MarkerId, string Reason, bool Replayed, int Attempts);
