using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OffenderRisk.Nominals.Domain;
using OffenderRisk.Platform.Records;
using OffenderRisk.ServiceDefaults;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Testing;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>
/// One identity model (README "Identity"): roles from the role claim only, user ids compared in
/// their normal form, people's tokens verified in Production against the identity provider's
/// published keys, the symmetric key only in Development and Testing (service tokens and people's;
/// the services' own key pairs elsewhere: ServiceKeyTests), weak keys refused at start-up.
/// </summary>
public sealed class IdentityModelTests
{
    private const string StrongKey = "c2VjcmV0LWZvci11bml0LXRlc3RzLW9ubHktbm90LXJlYWwtOTg3NjU0MzIx";

    [Theory]
    [InlineData("Production")]
    [InlineData("Testing")]
    [InlineData("Development")]
    public void A_short_key_refuses_to_start_in_every_environment(string environment) =>
        Assert.NotNull(Options("short", environment).Problem(environment));

    [Theory]
    [InlineData("Production", "                                        ")]
    [InlineData("Testing", "                                        ")]
    [InlineData("Production", "a-key-of-forty-characters with-one-space")]
    [InlineData("Production", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("Development", "abababababababababababababababababababab")]
    public void A_whitespace_or_repetitive_key_refuses_to_start_in_every_environment(string environment, string key) =>
        Assert.NotNull(Options(key, environment).Problem(environment));

    [Fact]
    public void The_development_key_refuses_to_start_in_testing() =>
        Assert.Contains("development key", Options(AuthOptions.DevelopmentSigningKey, "Testing").Problem("Testing"));

    [Theory]
    [InlineData(AuthOptions.DevelopmentSigningKey)]
    [InlineData(StrongKey)]
    public void In_production_any_symmetric_signing_key_refuses_to_start(string key) =>
        Assert.Contains("Auth:SigningKey must not be set", Options(key, "Production").Problem("Production"), StringComparison.Ordinal);

    [Fact]
    public void Production_with_only_a_symmetric_key_refuses_to_start()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKey"] = StrongKey });

        var e = Assert.Throws<InvalidOperationException>(() => builder.AddOffenderRiskAuthentication());

        Assert.Contains("Auth:Authority", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Development")]
    public void A_strong_key_starts_in_development_and_testing(string environment) =>
        Assert.Null(new AuthOptions { SigningKey = StrongKey }.Problem(environment));

    [Fact]
    public void Production_starts_with_an_identity_provider_and_the_services_published_keys_and_no_symmetric_key()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = new AuthOptions
        {
            Authority = "https://idp.example.test/realms/forces",
            ServicePublicKeys = { ["nominals"] = key.ExportSubjectPublicKeyInfoPem() },
        };

        Assert.Null(options.Problem("Production"));
    }

    [Fact]
    public async Task A_long_form_dotnet_role_claim_passes_no_policy_even_when_the_identity_names_it_as_its_role_type()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKey"] = StrongKey });
        builder.AddOffenderRiskAuthentication();
        using var host = builder.Build();
        var authorization = host.Services.GetRequiredService<IAuthorizationService>();
        // An identity whose role claim type is .NET's long form, as a default JWT handler would build it.
        var user = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(OffenderRiskClaims.Subject, "PC-1001"),
            new Claim(OffenderRiskClaims.Force, "XA"),
            new Claim(OffenderRiskClaims.Role, Roles.MosovoOfficer),
            new Claim(ClaimTypes.Role, Roles.Supervisor),
        ], "test", OffenderRiskClaims.Subject, ClaimTypes.Role));

        Assert.False((await authorization.AuthorizeAsync(user, Policies.Supervise)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(user, Policies.ManageNominals)).Succeeded);
        Assert.False(Caller.From(user).IsInRole(Roles.Supervisor));
    }

    [Theory]
    [InlineData("sgt-2001", "SGT-2001")]
    [InlineData(" SGT-2001 ", "SGT-2001")]
    [InlineData("pc-émile", "PC-ÉMILE")]
    public void User_ids_name_one_person_whatever_their_case_or_padding(string a, string b)
    {
        Assert.True(UserIds.Same(a, b));
        Assert.Equal(UserIds.Normalise(a), UserIds.Normalise(b));
    }

    [Fact]
    public void An_empty_user_id_is_nobody()
    {
        Assert.False(UserIds.Same("", ""));
        Assert.False(UserIds.Same("  ", "PC-1"));
    }

    [Fact]
    public void R_MR1_the_author_cannot_countersign_their_own_work_under_their_id_in_another_case()
    {
        var rules = new Countersigning("R-MR1", "assessment");
        var submitted = new Submitted("SGT-2001");

        var e = Assert.Throws<OffenderRisk.Platform.Errors.RuleViolationException>(() => rules.Countersign(submitted, " sgt-2001", DateTimeOffset.UnixEpoch));

        Assert.Equal("R-MR1", e.RuleId);
    }

    [Fact]
    public void R_ID2_another_forces_recorder_is_told_the_same_routing_whether_or_not_the_nominal_has_an_officer()
    {
        IReadOnlyList<IntelligenceWorkItem> toOfficer = [new(new WorkItemRoute(WorkQueue.Officer, "PC-1", "mosovo-officer"), false)];
        IReadOnlyList<IntelligenceWorkItem> unassigned = [new(new WorkItemRoute(WorkQueue.Unassigned, "", "mosovo-officer"), false)];

        Assert.Equal(IntelligenceRouter.Outcome(toOfficer, recorderIsOwningForce: false), IntelligenceRouter.Outcome(unassigned, recorderIsOwningForce: false));
        Assert.Equal(IntelligenceRouting.OwningForce, IntelligenceRouter.Outcome(toOfficer, recorderIsOwningForce: false));
        // The owning force is told where it went.
        Assert.NotEqual(IntelligenceRouter.Outcome(toOfficer, recorderIsOwningForce: true), IntelligenceRouter.Outcome(unassigned, recorderIsOwningForce: true));
    }

    private static AuthOptions Options(string key, string environment) =>
        new() { SigningKey = key, Authority = environment == "Production" ? "https://idp.example.test/realms/forces" : "" };

    private sealed record Submitted(string Author) : ICountersigned
    {
        public CountersignStage Stage => CountersignStage.Submitted;

        public IReadOnlyList<CountersignReturn> Returns => [];
    }
}

/// <summary>
/// Production token validation against an identity provider served in process on a loopback port
/// (OpenID discovery and a JWKS with an RSA key) and the services' published keys (ServiceKeys),
/// through the real JWT setup of the services and the gateway
/// (<see cref="OffenderRisk.ServiceDefaults.Extensions.AddOffenderRiskAuthentication"/>): the host
/// here is the nominals service; assessments has two published keys (one rotated in).
/// </summary>
public sealed class ProductionTokenTests : IAsyncLifetime
{
    /// <summary>A symmetric key, as Development and Testing use: nothing in Production verifies with it.</summary>
    private const string ServiceKey = "c2VjcmV0LWZvci11bml0LXRlc3RzLW9ubHktbm90LXJlYWwtOTg3NjU0MzIx";
    private readonly RSA _providerKey = RSA.Create(2048);
    private readonly RSA _otherKey = RSA.Create(2048);
    private readonly ECDsa _nominalsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _assessmentsKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _assessmentsRotatedKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _unpublishedKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private TestIdentityProvider _provider = null!;
    private WebApplication _service = null!;
    private HttpClient _http = null!;
    private string _authority = "";

    public async Task InitializeAsync()
    {
        _provider = await TestIdentityProvider.StartAsync(_providerKey);
        _authority = _provider.Authority;

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = EmptyContentRoot });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(ServiceSettings(_nominalsKey));
        builder.AddOffenderRiskAuthentication("nominals");
        _service = builder.Build();
        _service.UseAuthentication();
        _service.UseAuthorization();
        _service.MapGet("/people", () => "ok").RequireAuthorization(Policies.ManageNominals);
        _service.MapGet("/services", () => "ok").RequireAuthorization(Policies.ServiceOnly);
        await _service.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(Address(_service)) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _provider.DisposeAsync();
        _providerKey.Dispose();
        _otherKey.Dispose();
        _nominalsKey.Dispose();
        _assessmentsKey.Dispose();
        _assessmentsRotatedKey.Dispose();
        _unpublishedKey.Dispose();
    }

    /// <summary>A Production service's settings: the provider, every service's published key, its own private key (and key id).</summary>
    private Dictionary<string, string?> ServiceSettings(ECDsa ownKey, string? keyId = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Authority"] = _authority,
            ["Auth:Issuer"] = _authority,
            ["Auth:ServiceSigningKey"] = ownKey.ExportPkcs8PrivateKeyPem(),
            ["Auth:ServicePublicKeys:nominals"] = _nominalsKey.ExportSubjectPublicKeyInfoPem(),
            ["Auth:ServicePublicKeys:assessments"] = _assessmentsKey.ExportSubjectPublicKeyInfoPem(),
            ["Auth:ServicePublicKeys:assessments.2026-12"] = _assessmentsRotatedKey.ExportSubjectPublicKeyInfoPem(),
        };
        if (keyId is not null)
        {
            settings["Auth:ServiceKeyId"] = keyId;
        }
        return settings;
    }

    [Fact]
    public async Task In_production_a_person_token_signed_with_the_identity_providers_published_key_is_accepted()
    {
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/people", PersonToken(_providerKey, Roles.MosovoOfficer)));
    }

    [Fact]
    public async Task In_production_a_person_token_signed_with_the_symmetric_key_is_refused()
    {
        var symmetric = new TokenIssuer(new AuthOptions { SigningKey = ServiceKey, Issuer = _authority }, TimeProvider.System)
            .Issue("PC-1001", "XA", [Roles.MosovoOfficer], TimeSpan.FromMinutes(5));

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/people", symmetric));
    }

    [Fact]
    public async Task In_production_a_token_signed_with_an_unpublished_key_or_for_another_audience_or_issuer_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/people", PersonToken(_otherKey, Roles.MosovoOfficer)));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/people", PersonToken(_providerKey, Roles.MosovoOfficer, audience: "another-api")));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/people", PersonToken(_providerKey, Roles.MosovoOfficer, issuer: "https://elsewhere.example.test")));
    }

    [Fact]
    public async Task A_service_token_is_accepted_where_only_services_are_and_a_person_token_is_not()
    {
        var service = AssessmentsIssuer("assessments").Issue("svc:assessments", "*", [Roles.Service], TimeSpan.FromMinutes(5));

        Assert.Equal(HttpStatusCode.OK, await GetAsync("/services", service));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync("/services", PersonToken(_providerKey, Roles.Supervisor)));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync("/people", service));
    }

    [Fact]
    public async Task A_person_token_claiming_the_service_role_and_a_service_token_claiming_a_person_role_are_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/services", PersonToken(_providerKey, Roles.Service)));
        var serviceAudienceSupervisor = ServiceToken(_assessmentsKey, "assessments", "svc:assessments", Roles.Supervisor);
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/people", serviceAudienceSupervisor));
    }

    [Fact]
    public async Task In_production_a_service_token_signed_with_the_services_own_published_key_is_accepted_on_a_service_only_endpoint()
    {
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/services", ServiceToken(_assessmentsKey, "assessments", "svc:assessments")));
    }

    [Fact]
    public async Task In_production_a_service_token_signed_with_a_rotated_in_key_of_the_same_service_is_accepted()
    {
        var rotated = AssessmentsIssuer("assessments.2026-12").Issue("svc:assessments", "*", [Roles.Service], TimeSpan.FromMinutes(5));

        Assert.Equal(HttpStatusCode.OK, await GetAsync("/services", rotated));
        Assert.Equal("assessments.2026-12", new JsonWebToken(rotated).Kid);
    }

    [Fact]
    public async Task In_production_an_hmac_service_token_is_refused_with_the_testing_key_or_a_published_key_as_its_secret()
    {
        var shared = new TokenIssuer(new AuthOptions { SigningKey = ServiceKey }, TimeProvider.System)
            .Issue("svc:assessments", "*", [Roles.Service], TimeSpan.FromMinutes(5));
        // Algorithm confusion: an HMAC keyed with the published (public) key's own text.
        var confused = ServiceToken(null, "assessments", "svc:assessments",
            hmacSecret: System.Text.Encoding.UTF8.GetBytes(_assessmentsKey.ExportSubjectPublicKeyInfoPem()));

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/services", shared));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/services", confused));
    }

    [Fact]
    public async Task In_production_a_token_signed_with_one_services_key_naming_another_service_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/services", ServiceToken(_assessmentsKey, "assessments", "svc:nominals")));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/services", ServiceToken(_assessmentsRotatedKey, "assessments.2026-12", "svc:identity-checks")));
        Assert.Throws<ArgumentException>(() => AssessmentsIssuer("assessments").Issue("svc:nominals", "*", [Roles.Service], TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task In_production_a_service_token_with_an_unknown_key_id_or_an_unpublished_key_is_refused()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/services", ServiceToken(_unpublishedKey, "interventions", "svc:interventions")));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/services", ServiceToken(_unpublishedKey, "assessments", "svc:assessments")));
    }

    [Fact]
    public async Task In_production_a_person_token_signed_with_a_service_key_is_refused()
    {
        var person = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _authority,
            Audience = "offenderrisk",
            Subject = new ClaimsIdentity([new Claim("sub", "PC-1001"), new Claim("force", "XA"), new Claim("role", Roles.MosovoOfficer)]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_assessmentsKey) { KeyId = "assessments" }, SecurityAlgorithms.EcdsaSha256),
        });

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("/people", person));
    }

    [Fact]
    public async Task In_production_service_call_options_carry_a_token_from_the_calling_service_s_own_key_that_the_called_service_accepts()
    {
        // The assessments service as it starts in Production, signing with its rotated-in key.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", ContentRootPath = EmptyContentRoot });
        builder.Configuration.AddInMemoryCollection(ServiceSettings(_assessmentsRotatedKey, "assessments.2026-12"));
        builder.AddOffenderRiskAuthentication("assessments");
        using var assessments = builder.Build();

        var call = OffenderRisk.Platform.Calls.ServiceCallOptions.Create(assessments.Services.GetRequiredService<TokenIssuer>(),
            new ServiceIdentity { Name = "assessments" }, "XA", TimeSpan.FromSeconds(30), CancellationToken.None);
        var token = call.Headers!.GetValue("authorization")!["Bearer ".Length..];

        Assert.Equal((SecurityAlgorithms.EcdsaSha256, "assessments.2026-12"), (new JsonWebToken(token).Alg, new JsonWebToken(token).Kid));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("/services", token));
    }

    [Fact]
    public async Task The_challenge_for_a_refused_token_carries_no_error_description()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/people");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PersonToken(_otherKey, Roles.MosovoOfficer));
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Null(challenge.Parameter);
    }

    private async Task<HttpStatusCode> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    private string PersonToken(RSA key, string role, string audience = "offenderrisk", string? issuer = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? _authority,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", "PC-1001"), new Claim("force", "XA"), new Claim("role", role)]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = TestIdentityProvider.KeyId(key) }, SecurityAlgorithms.RsaSha256),
        });

    /// <summary>The token issuer of the assessments service signing with the key named <paramref name="keyId"/>.</summary>
    private TokenIssuer AssessmentsIssuer(string keyId) =>
        new(new AuthOptions
        {
            ServiceSigningKey = (keyId == "assessments" ? _assessmentsKey : _assessmentsRotatedKey).ExportPkcs8PrivateKeyPem(),
            ServiceKeyId = keyId,
        }, TimeProvider.System);

    /// <summary>A service-audience token made by hand (what TokenIssuer would refuse to make): ES256 with <paramref name="key"/>, or HS256 with <paramref name="hmacSecret"/>.</summary>
    private static string ServiceToken(ECDsa? key, string keyId, string subject, string role = Roles.Service, byte[]? hmacSecret = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "offenderrisk-services",
            Audience = "offenderrisk-services",
            Subject = new ClaimsIdentity([new Claim("sub", subject), new Claim("force", "XA"), new Claim("role", role)]),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = key is not null
                ? new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256)
                : new SigningCredentials(new SymmetricSecurityKey(hmacSecret) { KeyId = keyId }, SecurityAlgorithms.HmacSha256),
        });

    /// <summary>A content root with no appsettings.json: the services' own (HTTP/2 only) is copied beside the tests.</summary>
    internal static readonly string EmptyContentRoot = Directory.CreateTempSubdirectory("offenderrisk-idp-").FullName;

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
