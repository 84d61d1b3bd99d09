namespace OffenderRisk.Platform.Nominals;

/// <summary>
/// Configuration section <c>NominalsService</c>: calls made to the nominals service while a request
/// waits (the nominal lookup, identity checks' work items). Its address is <c>Services:Nominals</c>.
/// The change feed's calls have their own deadline (<c>NominalFeed:CallDeadline</c>).
/// </summary>
public sealed class NominalsServiceOptions
{
    public const string SectionName = "NominalsService";

    /// <summary>Deadline of each call. Default 5 s.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(5);
}
