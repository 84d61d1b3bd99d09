using Microsoft.AspNetCore.Authorization;

namespace OffenderRisk.ServiceDefaults.Security;

/// <summary>
/// The one set of authorisation policies. Every RPC names one of these with
/// <c>[Authorize(Policy = ...)]</c>; a test lists the service descriptors to prove none is missed.
/// Every policy also needs a force claim, since every record is force-scoped.
/// </summary>
public static class Policies
{
    /// <summary>Read nominal records and what hangs off them.</summary>
    public const string ReadNominals = "nominals.read";
    /// <summary>Create and change nominal records.</summary>
    public const string ManageNominals = "nominals.manage";
    /// <summary>Record intelligence about any nominal, even another force's (R-ID2).</summary>
    public const string RecordIntelligence = "intelligence.record";
    /// <summary>Record a notification a registered sexual offender made at a police station (SOA 2003 s.83-86).</summary>
    public const string RecordNotifications = "notifications.record";
    /// <summary>Countersign and approve (R-AS8, R-MG4, R-RM4).</summary>
    public const string Supervise = "supervise";
    /// <summary>The victim compartment (R-VI2).</summary>
    public const string VictimContact = "victims.contact";
    /// <summary>What an assessor may know of a nominal's victims (R-VI1): never a contact detail, so not the compartment (R-VI2).</summary>
    public const string VictimSummary = "victims.summary";
    /// <summary>Read and verify the audit log.</summary>
    public const string AuditLog = "audit.read";
    /// <summary>Erase personal data (R-AU1).</summary>
    public const string Erase = "records.erase";
    /// <summary>Read assessments, plans and interventions.</summary>
    public const string ReadCaseWork = "casework.read";
    /// <summary>Write assessments, plans and interventions.</summary>
    public const string WriteCaseWork = "casework.write";
    /// <summary>Make identity enquiries and marker requests with agencies (R-IC1).</summary>
    public const string IdentityEnquiry = "identity.enquire";

    /// <summary>Mark an obligation satisfied by the record that fulfils it (R-MR4): officers, and services that write such records.</summary>
    public const string SatisfyObligations = "obligations.satisfy";

    /// <summary>Record a breach of an intervention (R-MG10): any officer who witnesses it, as well as the managing officers.</summary>
    public const string RecordBreaches = "breaches.record";

    /// <summary>Read the nominals change feed (machine consumers, supervisors, analysts).</summary>
    public const string ReadChangeFeed = "feed.read";

    /// <summary>Machine to machine only, e.g. another service routing work to an officer's queue.</summary>
    public const string ServiceOnly = "service.only";

    /// <summary>Which roles each policy admits.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> RolesByPolicy = new Dictionary<string, string[]>
    {
        [ReadNominals] = [Roles.Officer, Roles.MosovoOfficer, Roles.Supervisor, Roles.Analyst, Roles.Service],
        [ManageNominals] = [Roles.MosovoOfficer, Roles.Supervisor],
        [RecordIntelligence] = [Roles.Officer, Roles.MosovoOfficer, Roles.Supervisor],
        [RecordNotifications] = [Roles.Officer, Roles.MosovoOfficer, Roles.Supervisor],
        [Supervise] = [Roles.Supervisor],
        [VictimContact] = [Roles.VictimLiaison],
        [VictimSummary] = [Roles.MosovoOfficer, Roles.Supervisor],
        [AuditLog] = [Roles.Auditor],
        [Erase] = [Roles.Auditor, Roles.Administrator],
        [ReadCaseWork] = [Roles.MosovoOfficer, Roles.Supervisor, Roles.Analyst, Roles.Service],
        [WriteCaseWork] = [Roles.MosovoOfficer, Roles.Supervisor],
        [IdentityEnquiry] = [Roles.MosovoOfficer, Roles.Supervisor, Roles.Service],
        [SatisfyObligations] = [Roles.MosovoOfficer, Roles.Supervisor, Roles.Service],
        [RecordBreaches] = [Roles.Officer, Roles.MosovoOfficer, Roles.Supervisor],
        [ReadChangeFeed] = [Roles.Service, Roles.Supervisor, Roles.Analyst],
        [ServiceOnly] = [Roles.Service],
    };

    internal static void Register(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in RolesByPolicy)
        {
            // Roles are read from the "role" claim by name, as Caller reads them: never through
            // IsInRole, whose claim type depends on how the identity was built (.NET's long-form
            // role URI must grant nothing).
            options.AddPolicy(policy, p => p
                .RequireAuthenticatedUser()
                .RequireClaim(OffenderRiskClaims.Force)
                .RequireClaim(OffenderRiskClaims.Role, roles));
        }

        // Anything mapped without a policy still needs a valid token.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
