using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using OffenderRisk.IntegrationTests.Nominals;

namespace OffenderRisk.IntegrationTests.Json;

/// <summary>
/// JSON over HTTP through the gateway's HTTP/1.1 address, as curl calls it: the google.api.http
/// paths of the contracts, a bearer token, JSON bodies, google.rpc.Status JSON errors with their
/// details; the same auth, force scoping, audit and request bounds as a gRPC call.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class JsonOverHttpTests(SuiteFixture suite) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = suite.GatewayHttpAddress,
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Json_a_client_creates_and_reads_a_nominal_over_http11_with_a_token()
    {
        var force = TestData.NewForce();
        var nominal = TestData.Nominal();

        using var created = await SendAsync(HttpMethod.Post, "/v1/nominals", suite.Token(force, "PC-J101", RoleSets.Mosovo),
            $$"""{"nominal": {{JsonFormatter.Default.Format(nominal)}}, "requestId": "{{Guid.NewGuid()}}"}""");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpVersion.Version11, created.Version);
        var name = (await BodyAsync(created)).GetProperty("nominal").GetProperty("name").GetString()!;

        using var read = await SendAsync(HttpMethod.Get, "/v1/" + name, suite.Token(force, "PC-J102", RoleSets.Officer));
        var body = (await BodyAsync(read)).GetProperty("nominal");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.StartsWith("nominals/", name, StringComparison.Ordinal);
        Assert.Equal(name, body.GetProperty("name").GetString());
        Assert.Equal(force, body.GetProperty("forceCode").GetString());
        Assert.Equal("TESTPERSON", body.GetProperty("primaryName").GetProperty("familyName").GetString());
        Assert.Equal("MANAGEMENT_STATUS_PENDING", body.GetProperty("managementStatus").GetString());
    }

    [Fact]
    public async Task Json_without_a_token_is_401_with_a_google_rpc_status_and_reaches_no_service()
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v1/nominals/{Guid.NewGuid()}", token: null);
        var status = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(16, status.GetProperty("code").GetInt32()); // UNAUTHENTICATED
        var info = Detail(status, "google.rpc.ErrorInfo");
        Assert.Equal("UNAUTHENTICATED", info.GetProperty("reason").GetString());
        Assert.Equal("gateway.offenderrisk", info.GetProperty("domain").GetString());
    }

    [Fact]
    public async Task Json_force_scoping_another_forces_nominal_is_404_as_one_that_does_not_exist()
    {
        var owner = TestData.NewForce();
        var name = await CreateNominalAsync(owner);

        using var theirs = await SendAsync(HttpMethod.Get, "/v1/" + name, suite.Token(TestData.NewForce(), "PC-J302", RoleSets.Supervisor));
        using var missing = await SendAsync(HttpMethod.Get, $"/v1/nominals/{Guid.NewGuid()}", suite.Token(owner, "PC-J303", RoleSets.Supervisor));
        var status = await BodyAsync(theirs);

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(5, status.GetProperty("code").GetInt32()); // NOT_FOUND
        Assert.Equal("RESOURCE_NOT_FOUND", Detail(status, "google.rpc.ErrorInfo").GetProperty("reason").GetString());
        Assert.Equal("nominals.offenderrisk", Detail(status, "google.rpc.ErrorInfo").GetProperty("domain").GetString());
        Assert.Equal(Detail(await BodyAsync(missing), "google.rpc.ErrorInfo").GetProperty("reason").GetString(),
            Detail(status, "google.rpc.ErrorInfo").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Json_R_ID4_a_refused_create_is_400_with_the_rule_id_and_the_field_violation()
    {
        var force = TestData.NewForce();
        var name = await CreateNominalAsync(force);
        var intelligence = IntelligenceScenario.Intelligence();
        intelligence.Source = IntelligenceSource.Unspecified;

        using var response = await SendAsync(HttpMethod.Post, $"/v1/{name}/intelligence", suite.Token(force, "PC-J401", RoleSets.Officer),
            $$"""{"intelligence": {{JsonFormatter.Default.Format(intelligence)}}}""");
        var status = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(3, status.GetProperty("code").GetInt32()); // INVALID_ARGUMENT
        var info = Detail(status, "google.rpc.ErrorInfo");
        Assert.Equal("INVALID_FIELDS", info.GetProperty("reason").GetString());
        Assert.Equal("R-ID4", info.GetProperty("metadata").GetProperty("rule_id").GetString());
        var violation = Detail(status, "google.rpc.BadRequest").GetProperty("fieldViolations").EnumerateArray().Single();
        Assert.Equal("intelligence.source", violation.GetProperty("field").GetString());
        Assert.StartsWith("R-ID4:", violation.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_R_AU1_a_json_read_writes_an_audit_entry_the_auditor_lists_over_json()
    {
        var force = TestData.NewForce();
        var name = await CreateNominalAsync(force);
        using var read = await SendAsync(HttpMethod.Get, "/v1/" + name, suite.Token(force, "PC-J502", RoleSets.Officer));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        using var listed = await SendAsync(HttpMethod.Get, $"/v1/nominals/auditLog/entries?subject={Uri.EscapeDataString(name)}",
            suite.Token(force, "AU-J501", RoleSets.Auditor));
        var entries = (await BodyAsync(listed)).GetProperty("auditEntries").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var consultation = Assert.Single(entries, e => e.GetProperty("actor").GetString() == "PC-J502");
        Assert.Equal("AUDIT_OPERATION_CONSULTATION", consultation.GetProperty("operation").GetString());
        Assert.Equal("/offenderrisk.nominals.v1.NominalsService/GetNominal", consultation.GetProperty("rpcMethod").GetString());
        Assert.Equal(name, consultation.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task Json_audit_paths_reach_each_services_own_log()
    {
        var force = TestData.NewForce();
        var name = await CreateNominalAsync(force);
        var auditor = suite.Token(force, "AU-J601", RoleSets.Auditor);

        using var nominals = await SendAsync(HttpMethod.Get, $"/v1/nominals/auditLog/entries?subject={Uri.EscapeDataString(name)}", auditor);
        using var assessments = await SendAsync(HttpMethod.Get, $"/v1/assessments/auditLog/entries?subject={Uri.EscapeDataString(name)}", auditor);
        using var verified = await SendAsync(HttpMethod.Post, "/v1/identityChecks/auditLog:verify", auditor, "{}");

        Assert.NotEmpty((await BodyAsync(nominals)).GetProperty("auditEntries").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, assessments.StatusCode);
        Assert.False((await BodyAsync(assessments)).TryGetProperty("auditEntries", out var none) && none.GetArrayLength() > 0);
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.True((await BodyAsync(verified)).GetProperty("intact").GetBoolean());
    }

    [Fact]
    public async Task Json_bad_input_a_body_over_the_json_limit_is_refused_before_it_is_read()
    {
        var force = TestData.NewForce();
        // 2 MB + 1 byte (RequestLimits:MaxJsonBytes): well-formed JSON, one huge string.
        var body = "{\"nominal\": {\"visorReference\": \"" + new string('A', 2 * 1024 * 1024) + "\"}}";

        using var response = await SendAsync(HttpMethod.Post, "/v1/nominals", suite.Token(force, "PC-J701", RoleSets.Mosovo), body);
        var status = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(8, status.GetProperty("code").GetInt32()); // RESOURCE_EXHAUSTED
        Assert.Equal("REQUEST_TOO_LARGE", Detail(status, "google.rpc.ErrorInfo").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Json_bad_input_control_characters_and_too_many_entries_get_the_same_shape_check_as_grpc()
    {
        var force = TestData.NewForce();
        var nominal = TestData.Nominal();
        nominal.PrimaryName.FamilyName = "TEST\u0007PERSON";
        var crowded = TestData.Nominal();
        for (var i = 0; i < 501; i++)
        {
            crowded.Aliases.Add(new Contracts.Common.V1.PersonName { GivenNames = "Test", FamilyName = "TESTALIAS" });
        }

        using var control = await SendAsync(HttpMethod.Post, "/v1/nominals", suite.Token(force, "PC-J801", RoleSets.Mosovo),
            $$"""{"nominal": {{JsonFormatter.Default.Format(nominal)}}}""");
        using var many = await SendAsync(HttpMethod.Post, "/v1/nominals", suite.Token(force, "PC-J801", RoleSets.Mosovo),
            $$"""{"nominal": {{JsonFormatter.Default.Format(crowded)}}}""");
        var controlStatus = await BodyAsync(control);
        var manyStatus = await BodyAsync(many);

        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        Assert.Equal("nominal.primary_name.family_name",
            Detail(controlStatus, "google.rpc.BadRequest").GetProperty("fieldViolations")[0].GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal("nominal.aliases",
            Detail(manyStatus, "google.rpc.BadRequest").GetProperty("fieldViolations")[0].GetProperty("field").GetString());
        using var listed = await SendAsync(HttpMethod.Get, "/v1/nominals", suite.Token(force, "PC-J802", RoleSets.Supervisor));
        Assert.False((await BodyAsync(listed)).TryGetProperty("nominals", out var stored) && stored.GetArrayLength() > 0);
    }

    [Fact]
    public async Task OpenApi_the_gateway_serves_the_document_anonymously_with_bearer_auth()
    {
        using var response = await _http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var document = await BodyAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(document.GetProperty("paths").TryGetProperty("/v1/nominals/{nominal}", out _));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }

    private async Task<string> CreateNominalAsync(string force)
    {
        using var created = await SendAsync(HttpMethod.Post, "/v1/nominals", suite.Token(force, "PC-J001", RoleSets.Mosovo),
            $$"""{"nominal": {{JsonFormatter.Default.Format(TestData.Nominal())}}}""");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return (await BodyAsync(created)).GetProperty("nominal").GetProperty("name").GetString()!;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return await _http.SendAsync(request);
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>The detail of a google.rpc.Status JSON body with the given message type.</summary>
    private static JsonElement Detail(JsonElement status, string type) =>
        status.GetProperty("details").EnumerateArray()
            .Single(d => d.GetProperty("@type").GetString() == "type.googleapis.com/" + type);
}
