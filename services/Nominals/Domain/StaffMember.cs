namespace OffenderRisk.Nominals.Domain;

/// <summary>The person acting, as the domain needs to know them: who, in which force, and the roles its rules ask about.</summary>
public sealed record StaffMember(string UserId, string Force, bool IsSupervisor, bool IsMosovoOfficer);
