using System.Reflection;
using System.Reflection.Emit;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Extensions;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.Swagger;

namespace OffenderRisk.UnitTests.JsonApi;

/// <summary>
/// The suite's OpenAPI document (protos/openapi/offenderrisk.openapi.json, served by the gateway
/// at /openapi/v1.json) is generated from the contracts: every gRPC service of the Contracts
/// assembly mapped with JSON transcoding, described by Microsoft.AspNetCore.Grpc.Swagger
/// (Swashbuckle). The committed copy must match what the contracts generate now. Regenerate it
/// after a contract change with:
/// <c>OFFENDERRISK_WRITE_OPENAPI=1 dotnet test tests/OffenderRisk.UnitTests --filter FullyQualifiedName~OpenApiDocument</c>
/// </summary>
public sealed partial class OpenApiDocumentTests
{
    public const string DocumentPath = "protos/openapi/offenderrisk.openapi.json";

    [Fact]
    public void OpenApi_the_committed_document_matches_the_contracts()
    {
        var generated = Generate();
        var path = Path.Combine(RepositoryRoot(), DocumentPath);
        if (Environment.GetEnvironmentVariable("OFFENDERRISK_WRITE_OPENAPI") == "1")
        {
            File.WriteAllText(path, generated);
        }

        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");

        Assert.True(committed == generated,
            $"{DocumentPath} is stale: regenerate it with OFFENDERRISK_WRITE_OPENAPI=1 dotnet test tests/OffenderRisk.UnitTests --filter FullyQualifiedName~OpenApiDocument");
    }

    [Fact]
    public void OpenApi_every_rpc_of_the_contracts_has_an_operation()
    {
        var document = Generate();
        var rpcs = ServiceBases().SelectMany(b => b.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.IsVirtual)).Count();

        var operations = System.Text.Json.JsonDocument.Parse(document).RootElement.GetProperty("paths").EnumerateObject()
            .Sum(path => path.Value.EnumerateObject().Count(o => o.Name is "get" or "post" or "patch" or "put" or "delete"));

        // One operation per RPC, and three more for each of the audit log's other three services' paths.
        Assert.Equal(rpcs + 3 * 3, operations);
    }

    /// <summary>The document, as JSON text with "\n" line ends.</summary>
    public static string Generate()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseSetting(WebHostDefaults.PreventHostingStartupKey, "true");
        builder.Services.AddGrpc().AddJsonTranscoding();
        builder.Services.AddGrpcSwagger();
        builder.Services.AddSingleton<IApiDescriptionProvider, ResourcePathsAsPathParameters>();
        builder.Services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "OffenderRisk Services",
                Version = "v1",
                Description = "JSON over HTTP for every RPC of the OffenderRisk contracts (gRPC JSON transcoding of their "
                    + "google.api.http rules), through the gateway. Every call needs a bearer token; errors are google.rpc.Status "
                    + "as JSON with ErrorInfo (reason, domain, rule_id) and, for bad input, BadRequest field violations.",
            });
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token of the suite's identity provider (deploy/OffenderRisk.DevTokens mints development ones).",
            });
            o.AddSecurityRequirement(new OpenApiSecurityRequirement
            {
                [new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = "bearer" } }] = [],
            });
            // Three services have a CommitFeedPositionRequest: schemas are named by package.
            o.CustomSchemaIds(t => (t.FullName ?? t.Name).Replace("OffenderRisk.Contracts.", "", StringComparison.Ordinal)
                .Replace("+Types+", ".", StringComparison.Ordinal).Replace('+', '.'));
            var comments = Path.Combine(AppContext.BaseDirectory, "OffenderRisk.Contracts.xml");
            if (File.Exists(comments))
            {
                o.IncludeGrpcXmlComments(comments, includeControllerXmlComments: true);
            }
        });
        using var app = builder.Build();
        app.UseRouting();
        var map = typeof(GrpcEndpointRouteBuilderExtensions).GetMethods()
            .Single(m => m.Name == nameof(GrpcEndpointRouteBuilderExtensions.MapGrpcService) && m.IsGenericMethodDefinition);
        foreach (var implementation in ServiceBases().Select(Implement))
        {
            map.MakeGenericMethod(implementation).Invoke(null, [app]);
        }
        // What the app's pipeline does at start: the mapped endpoints become the ones ApiExplorer reads.
        app.UseEndpoints(_ => { });
        var document = app.Services.GetRequiredService<ISwaggerProvider>().GetSwagger("v1");
        return document.SerializeAsJson(OpenApiSpecVersion.OpenApi3_0).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Every generated service base of the contracts, in name order.</summary>
    private static IEnumerable<Type> ServiceBases() =>
        typeof(OffenderRisk.Contracts.Nominals.V1.NominalsService).Assembly.GetTypes()
            .Where(t => t.IsAbstract && t.GetCustomAttribute<BindServiceMethodAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static readonly ModuleBuilder Module = AssemblyBuilder
        .DefineDynamicAssembly(new AssemblyName("OffenderRisk.OpenApiServices"), AssemblyBuilderAccess.Run)
        .DefineDynamicModule("OffenderRisk.OpenApiServices");

    /// <summary>A concrete class of a service base (it is only mapped, never called: its document is the contract's).</summary>
    private static Type Implement(Type serviceBase)
    {
        lock (Module)
        {
            var name = "Described." + serviceBase.FullName!.Replace('+', '.');
            return Module.GetType(name) ?? Module.DefineType(name, TypeAttributes.Public | TypeAttributes.Sealed, serviceBase).CreateType();
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OffenderRisk.Services.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (OffenderRisk.Services.sln) was not found above the test binaries.");
    }

    /// <summary>
    /// A resource name bound from the path (<c>{name=nominals/*/victims/*}</c>) is one field holding
    /// several segments, which an OpenAPI path parameter cannot be (and Grpc.Swagger describes every
    /// such path as <c>v1/{name}</c>). Described here as transcoding accepts it: the literal
    /// segments, and one path parameter per id named for its collection
    /// (<c>/v1/nominals/{nominal}/victims/{victim}</c>); the service receives the whole name.
    /// </summary>
    private sealed partial class ResourcePathsAsPathParameters : IApiDescriptionProvider
    {
        public int Order => int.MinValue; // its OnProvidersExecuted runs after every other provider's

        public void OnProvidersExecuting(ApiDescriptionProviderContext context)
        {
        }

        public void OnProvidersExecuted(ApiDescriptionProviderContext context)
        {
            foreach (var description in context.Results)
            {
                if (description.ActionDescriptor.EndpointMetadata.OfType<GrpcJsonTranscodingMetadata>().FirstOrDefault() is not { } metadata)
                {
                    continue;
                }
                var rule = metadata.HttpRule;
                var pattern = rule.PatternCase switch
                {
                    Google.Api.HttpRule.PatternOneofCase.Get => rule.Get,
                    Google.Api.HttpRule.PatternOneofCase.Post => rule.Post,
                    Google.Api.HttpRule.PatternOneofCase.Patch => rule.Patch,
                    Google.Api.HttpRule.PatternOneofCase.Put => rule.Put,
                    Google.Api.HttpRule.PatternOneofCase.Delete => rule.Delete,
                    _ => null,
                };
                if (pattern is null || !pattern.Contains('=', StringComparison.Ordinal))
                {
                    continue;
                }
                var added = new List<string>();
                var path = ResourceVariable().Replace(pattern, m =>
                {
                    var field = m.Groups["field"].Value.Replace("_", "", StringComparison.Ordinal);
                    foreach (var bound in description.ParameterDescriptions.Where(p =>
                        string.Equals(p.Name.Replace("_", "", StringComparison.Ordinal), field, StringComparison.OrdinalIgnoreCase)).ToList())
                    {
                        description.ParameterDescriptions.Remove(bound);
                    }
                    var segments = m.Groups["template"].Value.Split('/');
                    for (var i = 0; i < segments.Length; i++)
                    {
                        if (segments[i] == "*")
                        {
                            segments[i] = "{" + IdParameter(segments[i - 1]) + "}";
                            added.Add(IdParameter(segments[i - 1]));
                        }
                    }
                    return string.Join('/', segments);
                });
                description.RelativePath = path.TrimStart('/');
                foreach (var name in added)
                {
                    description.ParameterDescriptions.Add(new ApiParameterDescription
                    {
                        Name = name,
                        Source = BindingSource.Path,
                        Type = typeof(string),
                        IsRequired = true,
                    });
                }
            }
        }

        /// <summary>"nominals" is {nominal}, "contactActions" {contactAction}, "intelligence" {intelligence}.</summary>
        private static string IdParameter(string collection) =>
            collection.EndsWith("ches", StringComparison.Ordinal) ? collection[..^2]
            : collection.EndsWith('s') ? collection[..^1]
            : collection;

        [GeneratedRegex(@"\{(?<field>[\w.]+)=(?<template>[^}]+)\}")]
        private static partial Regex ResourceVariable();
    }
}
