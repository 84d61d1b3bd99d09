using Dapper;
using Grpc.Core;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;
using static OffenderRisk.IntegrationTests.Nominals.SearchTestData;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// Likely duplicates on CreateNominal: the same PNC id, or the same name and date of birth, in the
/// caller's force refuse the create (FAILED_PRECONDITION, POSSIBLE_DUPLICATES) unless a reason is given.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class SearchDuplicateTests(SuiteFixture suite)
{
    private NominalsService.NominalsServiceClient Client => new(suite.Channel);

    private async Task<Nominal> CreateAsync(string force, Nominal nominal, string overrideReason = "", string? justification = null) =>
        (await Client.CreateNominalAsync(
            new CreateNominalRequest { Nominal = nominal, DuplicateOverrideReason = overrideReason },
            suite.As(force, "PC-D001", RoleSets.Mosovo, justification))).Nominal;

    private async Task<long> CountAsync(string force)
    {
        await using var db = await suite.Storage.OpenAsync("nominals");
        return await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM nominals WHERE force_code = @force", new { force });
    }

    [Fact]
    public async Task A_nominal_with_the_same_pnc_id_is_reported_as_a_possible_duplicate_and_nothing_is_written()
    {
        var force = TestData.NewForce();
        var existing = await CreateAsync(force, Person("Alpha", "Duptester", pncId: "81/1000001A"));
        var auditBefore = (await AuditEntriesAsync(suite, force)).Count;

        var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition,
            () => CreateAsync(force, Person("Bravo", "Otherperson", birthYear: 1990, pncId: "81/1000001a")));

        Assert.Equal("POSSIBLE_DUPLICATES", e.ErrorInfo().Reason);
        Assert.Equal("duplicate_override_reason", e.ErrorInfo().Metadata["field"]);
        Assert.Contains(existing.Name, e.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Duptester", e.Status.Detail, StringComparison.OrdinalIgnoreCase); // names only resources
        Assert.Equal(1, await CountAsync(force));
        Assert.Equal(auditBefore, (await AuditEntriesAsync(suite, force)).Count);
    }

    [Fact]
    public async Task The_same_name_ignoring_case_and_diacritics_with_the_same_date_of_birth_is_a_possible_duplicate()
    {
        var force = TestData.NewForce();
        var existing = await CreateAsync(force, Person("Zoë", "Ó'Duptester"));

        var e = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, () => CreateAsync(force, Person("ZOE", "oduptester")));

        Assert.Equal("POSSIBLE_DUPLICATES", e.ErrorInfo().Reason);
        Assert.Contains(existing.Name, e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_name_with_another_date_of_birth_is_not_a_duplicate()
    {
        var force = TestData.NewForce();
        await CreateAsync(force, Person("Charlie", "Duptester", birthYear: 1980));

        await CreateAsync(force, Person("Charlie", "Duptester", birthYear: 1981));

        Assert.Equal(2, await CountAsync(force));
    }

    [Fact]
    public async Task A_create_with_an_override_reason_goes_ahead_and_its_audit_entry_carries_the_reason()
    {
        var force = TestData.NewForce();
        await CreateAsync(force, Person("Delta", "Duptester", pncId: "82/2000002B"));

        var created = await CreateAsync(force, Person("Delta", "Duptester", pncId: "82/2000002B"),
            overrideReason: "Twin brother: PNC record being corrected", justification: "Registration at court");

        Assert.Equal(2, await CountAsync(force));
        var entry = (await AuditEntriesAsync(suite, force)).Single(a => a.Subject == created.Name);
        Assert.Equal((long)AuditOperation.Collection, entry.Operation);
        Assert.Equal("Registration at court; duplicate override: Twin brother: PNC record being corrected", entry.Justification);
    }

    [Fact]
    public async Task Force_scoping_another_forces_nominal_with_the_same_pnc_id_is_not_a_duplicate()
    {
        var theirs = TestData.NewForce();
        var mine = TestData.NewForce();
        var nominal = Person("Echo", "Duptester", pncId: "83/3000003C");
        await CreateAsync(theirs, nominal);

        var created = await CreateAsync(mine, nominal);

        Assert.Equal(mine, created.ForceCode);
        var entry = (await AuditEntriesAsync(suite, mine)).Single(a => a.Subject == created.Name);
        Assert.DoesNotContain("duplicate override", entry.Justification, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_override_reason_longer_than_1000_characters_is_invalid_argument()
    {
        var force = TestData.NewForce();

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => CreateAsync(force, Person("Foxtrot", "Duptester"), overrideReason: new string('x', 1001)));

        Assert.Equal(["duplicate_override_reason"], e.ViolatedFields());
    }
}
