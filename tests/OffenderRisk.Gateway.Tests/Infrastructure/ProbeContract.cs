using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OffenderRisk.Gateway.Tests.Probe;

namespace OffenderRisk.Gateway.Tests.Infrastructure;

/// <summary>
/// One unary method, Probe, offered under several test-only service names so a test can call any
/// routed package (the gateway routes by package, so the service name is free).
/// </summary>
public static class ProbeContract
{
    public const string ServedByHeader = "probe-served-by";

    /// <summary>Every full service name the probe backend serves.</summary>
    public static readonly string[] ServiceNames =
    [
        "offenderrisk.nominals.v1.GatewayProbeService",
        "offenderrisk.nominals.v1.AnotherGatewayProbeService",
        "offenderrisk.assessments.v1.GatewayProbeService",
        "offenderrisk.interventions.v1.GatewayProbeService",
        "offenderrisk.identity.v1.GatewayProbeService",
        "offenderrisk.gatewaytests.v1.GatewayProbeService",
    ];

    private static readonly Marshaller<ProbeRequest> RequestMarshaller =
        Marshallers.Create(r => r.ToByteArray(), ProbeRequest.Parser.ParseFrom);

    private static readonly Marshaller<ProbeResponse> ResponseMarshaller =
        Marshallers.Create(r => r.ToByteArray(), ProbeResponse.Parser.ParseFrom);

    public static Method<ProbeRequest, ProbeResponse> Method(string fullServiceName) =>
        new(MethodType.Unary, fullServiceName, "Probe", RequestMarshaller, ResponseMarshaller);

    public static async Task<ProbeResponse> ProbeAsync(
        this GrpcChannel channel, string fullServiceName, Metadata? headers = null, DateTime? deadline = null, ProbeRequest? request = null)
    {
        using var call = channel.CreateCallInvoker().AsyncUnaryCall(
            Method(fullServiceName), null, new CallOptions(headers, deadline), request ?? new ProbeRequest());
        return await call.ResponseAsync;
    }

    /// <summary>A channel to the gateway whose every call carries <paramref name="token"/>.</summary>
    public static GrpcChannel AuthenticatedChannel(string address, string token, HttpMessageHandler? handler = null) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = handler,
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", "Bearer " + token);
                return Task.CompletedTask;
            })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
}
