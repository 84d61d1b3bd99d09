namespace OffenderRisk.ServiceDefaults.Security;

/// <summary>The roles a token may carry (claim <c>role</c>). See README "Roles".</summary>
public static class Roles
{
    /// <summary>Any officer or staff member: records intelligence, reads what its force allows.</summary>
    public const string Officer = "officer";
    /// <summary>Manages nominals (the named MOSOVO officer role).</summary>
    public const string MosovoOfficer = "mosovo-officer";
    /// <summary>Countersigns and approves (R-AS8, R-MG4, R-RM4).</summary>
    public const string Supervisor = "supervisor";
    /// <summary>Read-only.</summary>
    public const string Analyst = "analyst";
    /// <summary>The only role that sees victim contact data (R-VI2).</summary>
    public const string VictimLiaison = "victim-liaison";
    /// <summary>Reads and verifies the audit log; may erase (R-AU1).</summary>
    public const string Auditor = "auditor";
    /// <summary>Records administration, including erasure.</summary>
    public const string Administrator = "administrator";
    /// <summary>Machine to machine, for one service calling another.</summary>
    public const string Service = "service";

    public static readonly IReadOnlyList<string> All =
        [Officer, MosovoOfficer, Supervisor, Analyst, VictimLiaison, Auditor, Administrator, Service];
}
