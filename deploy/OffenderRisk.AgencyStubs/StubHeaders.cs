namespace OffenderRisk.AgencyStubs;

/// <summary>HTTP header names shared by every simulated agency contract (see deploy/stubs/README.md).</summary>
public static class StubHeaders
{
    /// <summary>Required on every agency call; the stubs answer 401 without it.</summary>
    public const string ClientId = "X-Client-Id";

    /// <summary>Required on marker placement; the same value must be reused on every retry of one placement.</summary>
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>Set to <c>true</c> on a marker response that replays an earlier delivery of the same key.</summary>
    public const string IdempotencyReplayed = "Idempotency-Replayed";

    /// <summary>Optional caller correlation id; canonicalised so mappings may template it.</summary>
    public const string CorrelationId = "X-Correlation-Id";

    /// <summary>
    /// Response header a mapping sets to ask the stub host for a transport-level fault that WireMock.Net
    /// cannot express itself. It never reaches the client.
    /// </summary>
    public const string Fault = "X-Stub-Fault";

    /// <summary><see cref="Fault"/> value: abort the TCP connection before any response byte is sent.</summary>
    public const string ConnectionResetFault = "connection-reset";
}
