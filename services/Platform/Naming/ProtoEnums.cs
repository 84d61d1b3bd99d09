using System.Reflection;
using Google.Protobuf.Reflection;

namespace OffenderRisk.Platform.Naming;

public static class ProtoEnums
{
    /// <summary>An enum value as the contract spells it, e.g. LEAD_AGENCY_POLICE: for codes in feed
    /// attributes and span tags, which must match the proto and never carry personal data.</summary>
    public static string OriginalName<T>(T value) where T : struct, System.Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();
}
