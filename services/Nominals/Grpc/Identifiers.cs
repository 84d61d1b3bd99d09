using System.Text.RegularExpressions;

namespace OffenderRisk.Nominals.Grpc;

/// <summary>The shapes of the user ids and force codes a request may name.</summary>
internal static partial class Identifiers
{
    public static bool IsUserId(string value) => UserIdPattern().IsMatch(value);

    public static bool IsForceCode(string value) => ForcePattern().IsMatch(value);

    [GeneratedRegex(@"\A[A-Za-z0-9._\-]{2,64}\z")]
    private static partial Regex UserIdPattern();

    [GeneratedRegex(@"\A[A-Z0-9]{2,8}\z")]
    private static partial Regex ForcePattern();
}
