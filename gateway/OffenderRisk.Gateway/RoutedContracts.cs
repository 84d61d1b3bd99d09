using System.Reflection;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using OffenderRisk.Contracts.Audit.V1;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Configuration;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace OffenderRisk.Gateway;

/// <summary>
/// The suite's gRPC services as the gateway offers them: every service compiled into the contracts
/// (services/Contracts, one file descriptor per proto) that a proxy route reaches, with the clusters
/// of the routes that reach it. Read from the live routes, so it follows the configuration; the
/// gateway's server reflection lists these services and its gRPC health answers for them.
/// </summary>
public sealed class RoutedContracts(IProxyStateLookup proxyState)
{
    /// <summary>Every file the contracts project compiled: each generated <c>*Reflection</c> class's
    /// <c>Descriptor</c> (their imports, such as google/protobuf or google/api, come with them).</summary>
    public static IReadOnlyList<FileDescriptor> Files { get; } = typeof(AuditService).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: true, IsSealed: true })
        .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
        .Where(p => p?.PropertyType == typeof(FileDescriptor))
        .Select(p => (FileDescriptor)p!.GetValue(null)!)
        .OrderBy(f => f.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>Each contract service some route reaches (by its fully-qualified name), with the
    /// clusters of every route that reaches it: one for a service package, every service's for the
    /// shared audit contract (whose routes pick the cluster by a header).</summary>
    public IReadOnlyDictionary<ServiceDescriptor, IReadOnlyList<string>> ClustersByService()
    {
        // Health answers anonymous callers without a rate limit, so the matching is redone only
        // when the routes change (a configuration reload makes new RouteConfig objects).
        var routes = proxyState.GetRoutes().Select(r => r.Config).Where(AcceptsGrpc).ToList();
        var known = _known;
        if (known is not null && known.Routes.SequenceEqual(routes, ReferenceEqualityComparer.Instance))
        {
            return known.Clusters;
        }
        var clusters = Match(routes);
        _known = new(routes, clusters);
        return clusters;
    }

    private sealed record Matched(List<RouteConfig> Routes, IReadOnlyDictionary<ServiceDescriptor, IReadOnlyList<string>> Clusters);

    private Matched? _known;

    private static Dictionary<ServiceDescriptor, IReadOnlyList<string>> Match(List<RouteConfig> routes)
    {
        var matchers = routes.Select(r => (Matcher: Matcher(r.Match.Path!), r.ClusterId)).ToList();
        var served = new Dictionary<ServiceDescriptor, IReadOnlyList<string>>();
        foreach (var service in Files.SelectMany(f => f.Services))
        {
            // Any method will do: routes match by package or service, never by method name.
            var path = $"/{service.FullName}/{service.Methods.FirstOrDefault()?.Name ?? "Method"}";
            var clusters = matchers.Where(r => r.ClusterId is not null && r.Matcher.TryMatch(path, new RouteValueDictionary()))
                .Select(r => r.ClusterId!)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (clusters.Count > 0)
            {
                served[service] = clusters;
            }
        }
        return served;
    }

    /// <summary>A route with a path that gRPC's POST can take (host-only routes are not the suite's).</summary>
    private static bool AcceptsGrpc(RouteConfig route) =>
        !string.IsNullOrEmpty(route.Match.Path)
        && (route.Match.Methods is null || route.Match.Methods.Count == 0
            || route.Match.Methods.Contains("POST", StringComparer.OrdinalIgnoreCase));

    private static TemplateMatcher Matcher(string path) => new(TemplateParser.Parse(path), new RouteValueDictionary());
}
