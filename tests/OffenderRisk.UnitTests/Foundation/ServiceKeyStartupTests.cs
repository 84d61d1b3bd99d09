using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OffenderRisk.ServiceDefaults;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>
/// The services' own key pairs at start-up (README "Identity", ServiceKeys): outside Development
/// and Testing a service refuses to start without a P-256 private key of its own, a key id naming
/// it, and the services' published keys (its own among them); the gateway needs the published keys
/// only. Each refusal names the setting and never quotes a key. Development and Testing keep the
/// symmetric key and refuse these settings.
/// </summary>
public sealed class ServiceKeyStartupTests : IDisposable
{
    private const string Authority = "https://idp.example.test/realms/forces";
    private readonly ECDsa _nominals = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _assessments = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _nominals.Dispose();
        _assessments.Dispose();
    }

    /// <summary>Settings a Production nominals service starts with.</summary>
    private Dictionary<string, string?> Valid() => new()
    {
        ["Auth:Authority"] = Authority,
        ["Auth:ServiceSigningKey"] = _nominals.ExportPkcs8PrivateKeyPem(),
        ["Auth:ServicePublicKeys:nominals"] = _nominals.ExportSubjectPublicKeyInfoPem(),
        ["Auth:ServicePublicKeys:assessments"] = _assessments.ExportSubjectPublicKeyInfoPem(),
    };

    [Fact]
    public void A_production_service_with_its_own_key_and_the_published_keys_starts()
    {
        Assert.Null(Start(Valid(), "nominals"));
        Assert.Null(Start(With(Valid(), ("Auth:ServiceSigningKey", _nominals.ExportECPrivateKeyPem())), "nominals"));
    }

    [Fact]
    public void A_production_gateway_with_only_the_published_keys_starts()
    {
        Assert.Null(Start(With(Valid(), ("Auth:ServiceSigningKey", null)), serviceName: null));
    }

    [Fact]
    public void A_production_service_without_its_private_key_refuses_to_start() =>
        AssertRefused(With(Valid(), ("Auth:ServiceSigningKey", null)), "Auth:ServiceSigningKey must be set");

    [Fact]
    public void A_production_service_whose_private_key_is_malformed_refuses_to_start() =>
        AssertRefused(With(Valid(), ("Auth:ServiceSigningKey", "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----")),
            "Auth:ServiceSigningKey is not a PEM-encoded");

    [Fact]
    public void A_production_service_whose_private_key_is_not_p256_refuses_to_start()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        AssertRefused(With(Valid(), ("Auth:ServiceSigningKey", p384.ExportPkcs8PrivateKeyPem())), "Auth:ServiceSigningKey is not on the P-256 curve");
        AssertRefused(With(Valid(), ("Auth:ServicePublicKeys:assessments", p384.ExportSubjectPublicKeyInfoPem())), "Auth:ServicePublicKeys:assessments is not on the P-256 curve");
    }

    [Fact]
    public void A_production_service_whose_private_key_is_rsa_refuses_to_start()
    {
        using var rsa = RSA.Create(2048);

        AssertRefused(With(Valid(), ("Auth:ServiceSigningKey", rsa.ExportPkcs8PrivateKeyPem())), "Auth:ServiceSigningKey is an RSA key");
    }

    [Fact]
    public void A_production_service_given_a_public_key_as_its_private_key_refuses_to_start() =>
        AssertRefused(With(Valid(), ("Auth:ServiceSigningKey", _nominals.ExportSubjectPublicKeyInfoPem())), "Auth:ServiceSigningKey holds only a public key");

    [Fact]
    public void A_production_service_with_no_published_keys_refuses_to_start() =>
        AssertRefused(With(Valid(), ("Auth:ServicePublicKeys:nominals", null), ("Auth:ServicePublicKeys:assessments", null)),
            "Auth:ServicePublicKeys must hold every service's public key");

    [Fact]
    public void A_production_gateway_with_no_published_keys_refuses_to_start() =>
        AssertRefused(new() { ["Auth:Authority"] = Authority }, "Auth:ServicePublicKeys must hold", serviceName: null);

    [Fact]
    public void A_production_process_with_a_malformed_published_key_refuses_to_start() =>
        AssertRefused(With(Valid(), ("Auth:ServicePublicKeys:assessments", "not a key")), "Auth:ServicePublicKeys:assessments is not a PEM-encoded", serviceName: null);

    [Fact]
    public void A_production_process_given_a_private_key_among_the_published_keys_refuses_to_start() =>
        AssertRefused(With(Valid(), ("Auth:ServicePublicKeys:assessments", _assessments.ExportPkcs8PrivateKeyPem())),
            "Auth:ServicePublicKeys:assessments holds a private key", serviceName: null);

    [Fact]
    public void A_production_process_given_a_published_key_id_that_names_no_service_refuses_to_start() =>
        AssertRefused(With(Valid(), ("Auth:ServicePublicKeys:Assessments", _assessments.ExportSubjectPublicKeyInfoPem()), ("Auth:ServicePublicKeys:assessments", null)),
            "Auth:ServicePublicKeys:Assessments: a key id is the service's name");

    [Fact]
    public void A_production_service_whose_own_key_is_not_published_refuses_to_start() =>
        AssertRefused(With(Valid(), ("Auth:ServicePublicKeys:nominals", null)), "Auth:ServicePublicKeys:nominals must hold this service's public key");

    [Fact]
    public void A_production_service_whose_published_key_is_not_its_own_refuses_to_start() =>
        AssertRefused(With(Valid(), ("Auth:ServicePublicKeys:nominals", _assessments.ExportSubjectPublicKeyInfoPem())),
            "Auth:ServiceSigningKey does not match Auth:ServicePublicKeys:nominals");

    [Fact]
    public void A_production_service_whose_key_id_names_another_service_refuses_to_start() =>
        AssertRefused(With(Valid(), ("Auth:ServiceKeyId", "assessments")), "Auth:ServiceKeyId must be 'nominals'");

    [Fact]
    public void A_production_gateway_given_a_private_key_refuses_to_start() =>
        AssertRefused(Valid(), "Auth:ServiceSigningKey must not be set here", serviceName: null);

    [Fact]
    public void A_production_service_given_the_symmetric_signing_key_refuses_to_start() =>
        AssertRefused(With(Valid(), ("Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)))), "Auth:SigningKey must not be set in Production");

    [Theory]
    [InlineData("Testing")]
    [InlineData("Development")]
    public void Development_and_testing_keep_the_symmetric_key_and_refuse_service_key_pairs(string environment)
    {
        var symmetric = new Dictionary<string, string?> { ["Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)) };

        Assert.Null(Start(symmetric, "nominals", environment));
        var e = Start(With(symmetric, ("Auth:ServicePublicKeys:nominals", _nominals.ExportSubjectPublicKeyInfoPem())), "nominals", environment);
        Assert.Contains("Auth:ServiceSigningKey and Auth:ServicePublicKeys are not used", e, StringComparison.Ordinal);
    }

    private void AssertRefused(Dictionary<string, string?> settings, string expected, string? serviceName = "nominals")
    {
        var message = Start(settings, serviceName);

        Assert.NotNull(message);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        // Never key material: no PEM armour, and no line of any key's text.
        Assert.DoesNotContain("-----", message, StringComparison.Ordinal);
        foreach (var line in settings.Values.OfType<string>().SelectMany(v => v.Split('\n')).Where(l => l.Length >= 16 && !l.StartsWith("-----", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(line, message, StringComparison.Ordinal);
        }
    }

    /// <summary>Why the real set-up refuses to start with <paramref name="settings"/>, or null when it starts.</summary>
    private static string? Start(Dictionary<string, string?> settings, string? serviceName, string environment = "Production")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            ContentRootPath = ProductionTokenTests.EmptyContentRoot,
        });
        builder.Configuration.AddInMemoryCollection(settings.Where(s => s.Value is not null));
        try
        {
            builder.AddOffenderRiskAuthentication(serviceName);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, params (string Key, string? Value)[] changes)
    {
        var copy = new Dictionary<string, string?>(settings);
        foreach (var (key, value) in changes)
        {
            copy[key] = value;
        }
        return copy;
    }
}
