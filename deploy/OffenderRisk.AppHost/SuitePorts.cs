namespace OffenderRisk.AppHost;

/// <summary>
/// The fixed loopback ports of the local suite (README "Ports"). Fixed rather than allocated so
/// that a token, a grpcurl command or a test script written once keeps working, and so that the
/// gateway's cluster addresses and the agency base addresses are plain configuration.
/// </summary>
public static class SuitePorts
{
    public const string Host = "127.0.0.1";

    public const int Gateway = 5100;
    /// <summary>The gateway's HTTP/1.1 port: JSON over HTTP and the OpenAPI document (Gateway:HttpListenUrls).</summary>
    public const int GatewayHttp = 5180;
    public const int Nominals = 5101;
    public const int Assessments = 5102;
    public const int Interventions = 5103;
    public const int IdentityChecks = 5104;

    /// <summary>The WireMock server of each agency, by its configuration name
    /// (<c>AgencyStubs:Agencies:&lt;agency&gt;:Port</c>, <c>Agencies:&lt;agency&gt;:BaseAddress</c>).</summary>
    public static readonly IReadOnlyList<(string Agency, int Port)> Agencies =
    [
        ("Pnc", 9101),
        ("Pnd", 9102),
        ("Dvla", 9103),
        ("Hmpo", 9104),
    ];

    public static Uri Loopback(int port) => new($"http://{Host}:{port}");
}
