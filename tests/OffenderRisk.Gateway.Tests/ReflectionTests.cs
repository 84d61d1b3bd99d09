using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Gateway.Tests.Infrastructure;
using Xunit;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace OffenderRisk.Gateway.Tests;

/// <summary>Server reflection answered by the gateway from the compiled contracts, for callers with
/// a token: grpcurl, Postman and buf curl need no local protos.</summary>
public sealed class ReflectionTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    /// <summary>Every service in the contracts (the shipped routes reach them all), health and
    /// reflection: and none of the test probes' names, which no contract declares.</summary>
    private static readonly string[] ExpectedServices =
    [
        .. OffenderRisk.Gateway.RoutedContracts.Files.SelectMany(f => f.Services).Select(s => s.FullName),
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    ];

    [Fact]
    public async Task Reflection_v1_lists_the_suite_services_with_health_and_reflection_for_a_caller_with_a_token()
    {
        var listed = await ListV1Async(fixture.Channel);

        Assert.Equal(ExpectedServices.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Contains("offenderrisk.nominals.v1.NominalsService", listed);
        Assert.DoesNotContain(listed, s => s.Contains("GatewayProbe", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reflection_v1alpha_lists_the_same_services_for_older_clients()
    {
        using var call = new V1Alpha.ServerReflection.ServerReflectionClient(fixture.Channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));

        var listed = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Equal(ExpectedServices.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reflection_without_a_token_is_unauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => ListV1Async(fixture.AnonymousChannel));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Reflection_resolves_a_suite_service_file_with_every_file_it_imports()
    {
        const string symbol = "offenderrisk.nominals.v1.NominalsService";
        using var call = new V1.ServerReflection.ServerReflectionClient(fixture.Channel).ServerReflectionInfo();
        var files = new Dictionary<string, ByteString>(StringComparer.Ordinal);

        // As grpcurl does: the file that declares the symbol, then every import not yet received.
        var wanted = new Queue<V1.ServerReflectionRequest>([new V1.ServerReflectionRequest { FileContainingSymbol = symbol }]);
        while (wanted.TryDequeue(out var request))
        {
            await call.RequestStream.WriteAsync(request);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            var response = call.ResponseStream.Current;
            Assert.Equal(V1.ServerReflectionResponse.MessageResponseOneofCase.FileDescriptorResponse, response.MessageResponseCase);
            foreach (var bytes in response.FileDescriptorResponse.FileDescriptorProto)
            {
                var proto = FileDescriptorProto.Parser.ParseFrom(bytes);
                if (files.TryAdd(proto.Name, bytes))
                {
                    foreach (var import in proto.Dependency.Where(d => !files.ContainsKey(d)))
                    {
                        wanted.Enqueue(new V1.ServerReflectionRequest { FileByFilename = import });
                    }
                }
            }
        }
        await call.RequestStream.CompleteAsync();

        // The files build into descriptors (every import present), and the service is the contract's.
        var built = FileDescriptor.BuildFromByteStrings(InDependencyOrder(files));
        var service = built.SelectMany(f => f.Services).Single(s => s.FullName == symbol);
        Assert.Equal(
            NominalsService.Descriptor.Methods.Select(m => m.Name),
            service.Methods.Select(m => m.Name));
        Assert.Contains("google/protobuf/timestamp.proto", files.Keys);
    }

    private static async Task<List<string>> ListV1Async(GrpcChannel channel)
    {
        using var call = new V1.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
    }

    /// <summary>BuildFromByteStrings wants each file after the files it imports.</summary>
    private static List<ByteString> InDependencyOrder(Dictionary<string, ByteString> files)
    {
        var ordered = new List<ByteString>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void Place(string name)
        {
            if (!placed.Add(name))
            {
                return;
            }
            foreach (var import in FileDescriptorProto.Parser.ParseFrom(files[name]).Dependency)
            {
                Place(import);
            }
            ordered.Add(files[name]);
        }
        foreach (var name in files.Keys)
        {
            Place(name);
        }
        return ordered;
    }
}
