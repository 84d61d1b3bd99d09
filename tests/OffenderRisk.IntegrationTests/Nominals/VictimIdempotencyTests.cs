using System.Text;
using Dapper;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// R-VI2 and AIP-155: the victim creates are idempotent through the suite's one mechanism
/// (idempotency_keys), by reference, so a retry replays the victim without any of its details
/// being copied out of the compartment, and an erasure (R-AU1) leaves no key naming a victim.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class VictimIdempotencyTests(SuiteFixture suite)
{
    private VictimsService.VictimsServiceClient Victims => new(suite.Channel);
    private NominalsService.NominalsServiceClient Nominals => new(suite.Channel);

    [Fact]
    public async Task R_VI2_a_repeated_create_victim_request_id_replays_the_same_victim_and_no_contact_detail_is_kept_in_idempotency_keys()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var canary = Guid.NewGuid().ToString("N");
        var victim = VictimTestData.Victim(familyName: "FAM" + canary);
        victim.Email = $"{canary}@example.invalid";
        var request = new CreateVictimRequest { Parent = nominal.Name, Victim = victim, RequestId = Guid.NewGuid().ToString() };
        var liaison = suite.As(force, "VLO-1", RoleSets.VictimLiaison);

        var first = await Victims.CreateVictimAsync(request, liaison);
        var second = await Victims.CreateVictimAsync(request, liaison);

        Assert.Equal(first.Victim, second.Victim);
        Assert.Equal(1, await VictimTestData.CountAsync(suite, "SELECT COUNT(*) FROM victim_records WHERE nominal_id = @id", new { id = nominal.Name["nominals/".Length..] }));
        var keys = await KeysAsync();
        var key = Assert.Single(keys, k => k.ResourceName.StartsWith(nominal.Name + "/", StringComparison.Ordinal));
        Assert.Equal(first.Victim.Name, key.ResourceName);
        Assert.Equal("", key.Response);
        // Stored responses are base64 protobuf: read every one, not only this key's.
        Assert.DoesNotContain(keys, k => Decoded(k.Response).Contains(canary, StringComparison.Ordinal) || k.Scope.Contains(canary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task R_AU1_erasing_a_nominal_deletes_the_idempotency_keys_naming_its_victims_and_their_contacts()
    {
        var force = TestData.NewForce();
        var nominal = await VictimTestData.NominalAsync(suite, force);
        var liaison = suite.As(force, "VLO-1", RoleSets.VictimLiaison);
        var created = (await Victims.CreateVictimAsync(new CreateVictimRequest { Parent = nominal.Name, Victim = VictimTestData.Victim(), RequestId = Guid.NewGuid().ToString() }, liaison)).Victim;
        await Victims.RecordContactActionAsync(new RecordContactActionRequest
        {
            Parent = created.Name,
            ContactAction = new VictimContactAction { Kind = VictimContactActionKind.Letter, Purpose = "Introduction" },
            RequestId = Guid.NewGuid().ToString(),
        }, liaison);
        Assert.Equal(2, (await KeysAsync()).Count(k => k.ResourceName.StartsWith(nominal.Name + "/", StringComparison.Ordinal)));

        await Nominals.EraseNominalAsync(new EraseNominalRequest { Name = nominal.Name, Reason = "Test erasure" }, suite.As(force, "AU-V001", RoleSets.Auditor));

        Assert.DoesNotContain(await KeysAsync(), k => k.ResourceName.StartsWith(nominal.Name + "/", StringComparison.Ordinal));
    }

    private async Task<List<KeyRow>> KeysAsync()
    {
        await using var db = await suite.Storage.OpenAsync("nominals");
        return (await db.QueryAsync<KeyRow>("SELECT scope, resource_name AS ResourceName, response FROM idempotency_keys")).ToList();
    }

    private static string Decoded(string response) => Encoding.UTF8.GetString(Convert.FromBase64String(response));

    private sealed class KeyRow
    {
        public string Scope { get; set; } = "";
        public string ResourceName { get; set; } = "";
        public string Response { get; set; } = "";
    }
}
