using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using OffenderRisk.ServiceDefaults.Telemetry;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>
/// How ServiceDefaults' RPC telemetry reads a call: the status from the trailers, else the headers
/// of a trailers-only answer; the name from a well-formed gRPC path only; and no more than the cap
/// of names no service has confirmed, so a caller cannot flood the metrics with made-up methods.
/// </summary>
public sealed class RpcServerTelemetryTests : IDisposable
{
    private readonly ServiceTelemetry _telemetry = new("OffenderRisk.UnitTests.Rpc." + Guid.NewGuid().ToString("N"));
    private readonly MeterListener _listener = new();
    private readonly List<Dictionary<string, object?>> _recorded = [];

    public RpcServerTelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == _telemetry.Meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }
            lock (_recorded)
            {
                _recorded.Add(copy);
            }
        });
        _listener.Start();
    }

    [Fact]
    public async Task Status_is_read_from_the_trailers_of_a_full_answer()
    {
        var rpc = new RpcServerTelemetry(_telemetry);

        await rpc.InvokeAsync(GrpcCall("/offenderrisk.nominals.v1.NominalsService/AssignOfficer"), context =>
        {
            context.Features.Get<IHttpResponseTrailersFeature>()!.Trailers["grpc-status"] = "10";
            return Task.CompletedTask;
        });

        var tags = Assert.Single(_recorded);
        Assert.Equal("grpc", tags[OperatorMetrics.RpcTags.System]);
        Assert.Equal("offenderrisk.nominals.v1.NominalsService", tags[OperatorMetrics.RpcTags.Service]);
        Assert.Equal("AssignOfficer", tags[OperatorMetrics.RpcTags.Method]);
        Assert.Equal(10, tags[OperatorMetrics.RpcTags.GrpcStatusCode]);
    }

    [Fact]
    public async Task Status_is_read_from_the_headers_of_a_trailers_only_answer_the_gateway_wrote_itself()
    {
        var rpc = new RpcServerTelemetry(_telemetry);

        await rpc.InvokeAsync(GrpcCall("/offenderrisk.nominals.v1.NominalsService/GetNominal"), context =>
        {
            context.Response.Headers["grpc-status"] = "16";
            return Task.CompletedTask;
        });

        Assert.Equal(16, Assert.Single(_recorded)[OperatorMetrics.RpcTags.GrpcStatusCode]);
    }

    [Theory]
    [InlineData("/not-a-package/Method")]
    [InlineData("/offenderrisk.nominals.v1.NominalsService/Assign Officer")]
    [InlineData("/offenderrisk.nominals.v1.NominalsService/AssignOfficer/extra")]
    [InlineData("/v1/nominals/abc")]
    public async Task A_path_that_is_not_a_well_formed_rpc_is_not_counted_as_one(string path)
    {
        var rpc = new RpcServerTelemetry(_telemetry);

        await rpc.InvokeAsync(GrpcCall(path), _ => Task.CompletedTask);

        Assert.Empty(_recorded);
    }

    [Fact]
    public async Task A_request_that_is_not_grpc_and_has_no_grpc_endpoint_is_not_counted()
    {
        var rpc = new RpcServerTelemetry(_telemetry);
        var context = GrpcCall("/offenderrisk.nominals.v1.NominalsService/AssignOfficer");
        context.Request.ContentType = "application/json";

        await rpc.InvokeAsync(context, _ => Task.CompletedTask);

        Assert.Empty(_recorded);
    }

    [Fact]
    public async Task Names_no_service_confirmed_are_capped_and_the_rest_are_other()
    {
        var rpc = new RpcServerTelemetry(_telemetry);
        for (var i = 0; i < RpcServerTelemetry.UnconfirmedNameLimit + 5; i++)
        {
            // The gateway's own refusal (status in the headers): nothing confirms the method exists.
            await rpc.InvokeAsync(GrpcCall($"/offenderrisk.nominals.v1.MadeUp{i}/Method"), context =>
            {
                context.Response.Headers["grpc-status"] = "16";
                return Task.CompletedTask;
            });
        }

        var services = _recorded.Select(t => (string)t[OperatorMetrics.RpcTags.Service]!).ToList();
        Assert.Equal(RpcServerTelemetry.UnconfirmedNameLimit, services.Count(s => s != RpcServerTelemetry.Other));
        Assert.Equal(5, services.Count(s => s == RpcServerTelemetry.Other));
    }

    [Fact]
    public async Task A_name_a_service_confirmed_is_kept_beyond_the_cap()
    {
        var rpc = new RpcServerTelemetry(_telemetry);
        for (var i = 0; i < RpcServerTelemetry.UnconfirmedNameLimit; i++)
        {
            await rpc.InvokeAsync(GrpcCall($"/offenderrisk.nominals.v1.MadeUp{i}/Method"), _ => Task.CompletedTask);
        }
        _recorded.Clear();

        await rpc.InvokeAsync(GrpcCall("/offenderrisk.nominals.v1.NominalsService/GetNominal"), context =>
        {
            context.Features.Get<IHttpResponseTrailersFeature>()!.Trailers["grpc-status"] = "0";
            return Task.CompletedTask;
        });

        Assert.Equal("offenderrisk.nominals.v1.NominalsService", Assert.Single(_recorded)[OperatorMetrics.RpcTags.Service]);
    }

    [Fact]
    public void Status_names_are_the_spec_names()
    {
        Assert.Equal("NOT_FOUND", RpcServerTelemetry.StatusName(Grpc.Core.StatusCode.NotFound));
        Assert.Equal("UNAUTHENTICATED", RpcServerTelemetry.StatusName(Grpc.Core.StatusCode.Unauthenticated));
    }

    /// <summary>A routed gRPC request (an endpoint, as the gateway's proxy route) with a trailers feature.</summary>
    private static DefaultHttpContext GrpcCall(string path)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.ContentType = "application/grpc";
        context.Features.Set<IHttpResponseTrailersFeature>(new TrailersFeature());
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, EndpointMetadataCollection.Empty, "proxy route"));
        return context;
    }

    private sealed class TrailersFeature : IHttpResponseTrailersFeature
    {
        public IHeaderDictionary Trailers { get; set; } = new HeaderDictionary();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _telemetry.Dispose();
    }
}
