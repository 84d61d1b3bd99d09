using System.Reflection;
using Google.Protobuf.Reflection;

namespace OffenderRisk.Platform.Naming;

public static class ProtoEnums
{
    /// <summary>An enum value as the contract spells it, e.g. LEAD_AGENCY_POLICE: for codes in feed
    /// attributes and span tags, which must match the proto and never carry personal data.</summary>
    public static string OriginalName<T>(T value) where T : struct, System.Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();

    /// <summary>The value of <typeparamref name="T"/> the contract spells <paramref name="originalName"/>; null for none.</summary>
    public static T? FromOriginalName<T>(string originalName) where T : struct, System.Enum =>
        Enum.GetValues<T>().Select(v => (T?)v).FirstOrDefault(v => OriginalName(v!.Value) == originalName);
}
