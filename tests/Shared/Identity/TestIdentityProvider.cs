using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace OffenderRisk.Testing;

/// <summary>
/// An identity provider's published documents, served in process on a loopback port for tests of
/// Production token validation: OpenID discovery and a JWKS holding one RSA public key, whose key
/// id is <see cref="KeyId"/>. It issues nothing: a test signs people's tokens with the same key.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    /// <summary>A content root with no appsettings.json (the services' own, HTTP/2 only, is copied beside the tests).</summary>
    private static readonly string EmptyContentRoot = Directory.CreateTempSubdirectory("offenderrisk-idp-").FullName;

    private readonly WebApplication _app;

    private TestIdentityProvider(WebApplication app, string authority) => (_app, Authority) = (app, authority);

    /// <summary>The provider's address, which is also its issuer.</summary>
    public string Authority { get; }

    /// <summary>The key id the JWKS gives <paramref name="key"/>: sign tokens with it to be found.</summary>
    public static string KeyId(RSA key) => Convert.ToHexString(SHA256.HashData(key.ExportRSAPublicKey()))[..16];

    public static async Task<TestIdentityProvider> StartAsync(RSA key)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = EmptyContentRoot });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            var issuer = $"{context.Request.Scheme}://{context.Request.Host}";
            return Results.Json(new Dictionary<string, object> { ["issuer"] = issuer, ["jwks_uri"] = issuer + "/jwks" });
        });
        app.MapGet("/jwks", () =>
        {
            var p = key.ExportParameters(includePrivateParameters: false);
            return Results.Json(new Dictionary<string, object>
            {
                ["keys"] = new[]
                {
                    new Dictionary<string, string>
                    {
                        ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = KeyId(key),
                        ["n"] = Base64UrlEncoder.Encode(p.Modulus), ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                    },
                },
            });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestIdentityProvider(app, address.TrimEnd('/'));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
