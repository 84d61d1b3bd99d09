using Dapper;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>The nominal record's create, read, list and update through the gateway.</summary>
[Collection(SuiteCollection.Name)]
public sealed class NominalRecordTests(SuiteFixture suite)
{
    private NominalsService.NominalsServiceClient Client => new(suite.Channel);

    [Fact]
    public async Task Created_nominal_reads_back_with_the_creators_force_and_an_etag()
    {
        var force = TestData.NewForce();
        var created = (await Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-1001", RoleSets.Mosovo))).Nominal;

        var read = (await Client.GetNominalAsync(new GetNominalRequest { Name = created.Name }, suite.As(force, "PC-1002", RoleSets.Officer))).Nominal;

        Assert.StartsWith("nominals/", created.Name, StringComparison.Ordinal);
        Assert.Equal(force, read.ForceCode);
        Assert.Equal("TESTPERSON", read.PrimaryName.FamilyName);
        Assert.Equal(ManagementStatus.Pending, read.ManagementStatus);
        Assert.Equal(created.Etag, read.Etag);
        Assert.Equal(created, read);
    }

    [Fact]
    public async Task Force_scoping_another_forces_nominal_is_not_found_on_get_and_update()
    {
        var owner = TestData.NewForce();
        var other = TestData.NewForce();
        var created = (await Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(owner, "PC-2001", RoleSets.Mosovo))).Nominal;

        var get = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.GetNominalAsync(new GetNominalRequest { Name = created.Name }, suite.As(other, "PC-2002", RoleSets.Supervisor)).ResponseAsync);
        var update = created.Clone();
        update.VisorReference = "TEST/9999";
        await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.UpdateNominalAsync(new UpdateNominalRequest { Nominal = update, UpdateMask = new FieldMask { Paths = { "visor_reference" } } }, suite.As(other, "PC-2002", RoleSets.Supervisor)).ResponseAsync);

        // Indistinguishable from a nominal that does not exist.
        var missing = await RpcAssert.FailsAsync(StatusCode.NotFound,
            () => Client.GetNominalAsync(new GetNominalRequest { Name = "nominals/" + Guid.NewGuid() }, suite.As(other, "PC-2002", RoleSets.Supervisor)).ResponseAsync);
        Assert.Equal(missing.ErrorInfo().Reason, get.ErrorInfo().Reason);
    }

    [Fact]
    public async Task Force_scoping_lists_never_contain_another_forces_nominals()
    {
        var mine = TestData.NewForce();
        var theirs = TestData.NewForce();
        for (var i = 0; i < 3; i++)
        {
            await Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(mine, "PC-3001", RoleSets.Mosovo));
        }
        await Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(theirs, "PC-3002", RoleSets.Mosovo));

        var listed = await ListAllAsync(mine, pageSize: 2);

        Assert.Equal(3, listed.Count);
        Assert.All(listed, n => Assert.Equal(mine, n.ForceCode));
    }

    [Fact]
    public async Task List_pages_with_next_page_token_until_exhausted_without_repeats()
    {
        var force = TestData.NewForce();
        var names = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            names.Add((await Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-4001", RoleSets.Mosovo))).Nominal.Name);
        }

        var listed = await ListAllAsync(force, pageSize: 2);

        Assert.Equal(names.AsEnumerable().Reverse(), listed.Select(n => n.Name));
    }

    [Fact]
    public async Task A_page_token_from_another_force_is_invalid_argument()
    {
        var force = TestData.NewForce();
        for (var i = 0; i < 2; i++)
        {
            await Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-4101", RoleSets.Mosovo));
        }
        var page = await Client.ListNominalsAsync(new ListNominalsRequest { PageSize = 1 }, suite.As(force, "PC-4101", RoleSets.Mosovo));

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.ListNominalsAsync(new ListNominalsRequest { PageSize = 1, PageToken = page.NextPageToken }, suite.As(TestData.NewForce(), "PC-4102", RoleSets.Mosovo)).ResponseAsync);
        Assert.Contains("page_token", e.ViolatedFields());
    }

    [Fact]
    public async Task Update_with_the_current_etag_changes_only_masked_fields()
    {
        var force = TestData.NewForce();
        var created = (await Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-5001", RoleSets.Mosovo))).Nominal;
        var change = created.Clone();
        change.VisorReference = "TEST/0002";
        change.PncId = "99/7777777Z";

        var updated = (await Client.UpdateNominalAsync(
            new UpdateNominalRequest { Nominal = change, UpdateMask = new FieldMask { Paths = { "visor_reference" } } },
            suite.As(force, "PC-5001", RoleSets.Mosovo))).Nominal;

        Assert.Equal("TEST/0002", updated.VisorReference);
        Assert.Equal(created.PncId, updated.PncId);
        Assert.NotEqual(created.Etag, updated.Etag);
    }

    [Fact]
    public async Task A_stale_etag_is_aborted_and_changes_nothing()
    {
        var force = TestData.NewForce();
        var created = (await Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(force, "PC-6001", RoleSets.Mosovo))).Nominal;
        var first = created.Clone();
        first.VisorReference = "TEST/1111";
        await Client.UpdateNominalAsync(new UpdateNominalRequest { Nominal = first, UpdateMask = new FieldMask { Paths = { "visor_reference" } } }, suite.As(force, "PC-6001", RoleSets.Mosovo));

        var stale = created.Clone();
        stale.VisorReference = "TEST/2222";
        var e = await RpcAssert.FailsAsync(StatusCode.Aborted,
            () => Client.UpdateNominalAsync(new UpdateNominalRequest { Nominal = stale, UpdateMask = new FieldMask { Paths = { "visor_reference" } } }, suite.As(force, "PC-6002", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal("ETAG_MISMATCH", e.ErrorInfo().Reason);
        var now = (await Client.GetNominalAsync(new GetNominalRequest { Name = created.Name }, suite.As(force, "PC-6001", RoleSets.Mosovo))).Nominal;
        Assert.Equal("TEST/1111", now.VisorReference);
    }

    [Fact]
    public async Task A_repeated_request_id_returns_the_same_nominal_and_writes_one_row()
    {
        var force = TestData.NewForce();
        var request = new CreateNominalRequest { Nominal = TestData.Nominal(), RequestId = Guid.NewGuid().ToString() };

        var first = await Client.CreateNominalAsync(request, suite.As(force, "PC-7001", RoleSets.Mosovo));
        var second = await Client.CreateNominalAsync(request, suite.As(force, "PC-7001", RoleSets.Mosovo));

        Assert.Equal(first.Nominal, second.Nominal);
        await using var db = await suite.Storage.OpenAsync("nominals");
        Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM nominals WHERE force_code = @force", new { force }));
    }

    [Fact]
    public async Task A_request_id_reused_for_a_different_nominal_is_refused()
    {
        var force = TestData.NewForce();
        var requestId = Guid.NewGuid().ToString();
        await Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal(), RequestId = requestId }, suite.As(force, "PC-7101", RoleSets.Mosovo));

        var e = await RpcAssert.FailsAsync(StatusCode.AlreadyExists,
            () => Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal("OTHERPERSON"), RequestId = requestId }, suite.As(force, "PC-7101", RoleSets.Mosovo)).ResponseAsync);
        Assert.Equal("REQUEST_ID_REUSED", e.ErrorInfo().Reason);
    }

    [Fact]
    public async Task Invalid_input_is_invalid_argument_naming_every_bad_field_and_writes_nothing()
    {
        var force = TestData.NewForce();
        var nominal = TestData.Nominal();
        nominal.PrimaryName.FamilyName = "";
        nominal.DateOfBirth = new CalendarDate { Year = 2001, Month = 2, Day = 30 };
        nominal.Category = (NominalCategory)42;
        nominal.PncId = "not-a-pnc-id";
        nominal.Aliases.Add(new PersonName { FamilyName = new string('X', 101) });

        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.CreateNominalAsync(new CreateNominalRequest { Nominal = nominal }, suite.As(force, "PC-8001", RoleSets.Mosovo)).ResponseAsync);

        Assert.Equal("INVALID_FIELDS", e.ErrorInfo().Reason);
        Assert.Equal("nominals.offenderrisk", e.ErrorInfo().Domain);
        Assert.Equal(
            new[] { "nominal.aliases[1].family_name", "nominal.category", "nominal.date_of_birth", "nominal.pnc_id", "nominal.primary_name.family_name" },
            e.ViolatedFields().Order(StringComparer.Ordinal));
        await using var db = await suite.Storage.OpenAsync("nominals");
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM nominals WHERE force_code = @force", new { force }));
    }

    [Fact]
    public async Task A_date_of_birth_in_the_future_is_invalid_argument()
    {
        var nominal = TestData.Nominal();
        nominal.DateOfBirth = new CalendarDate { Year = DateTime.UtcNow.Year + 1, Month = 1, Day = 1 };
        var e = await RpcAssert.FailsAsync(StatusCode.InvalidArgument,
            () => Client.CreateNominalAsync(new CreateNominalRequest { Nominal = nominal }, suite.As(TestData.NewForce(), "PC-8101", RoleSets.Mosovo)).ResponseAsync);
        Assert.Equal(["nominal.date_of_birth"], e.ViolatedFields());
    }

    [Fact]
    public async Task The_wrong_role_is_permission_denied()
    {
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, suite.As(TestData.NewForce(), "AN-0001", RoleSets.Analyst)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied,
            () => Client.ListNominalsAsync(new ListNominalsRequest(), suite.As(TestData.NewForce(), "VL-0001", RoleSets.VictimLiaison)).ResponseAsync);
    }

    private async Task<List<Nominal>> ListAllAsync(string force, int pageSize)
    {
        var all = new List<Nominal>();
        var token = "";
        do
        {
            var page = await Client.ListNominalsAsync(new ListNominalsRequest { PageSize = pageSize, PageToken = token }, suite.As(force, "AN-LIST", RoleSets.Analyst));
            Assert.True(page.Nominals.Count <= pageSize);
            all.AddRange(page.Nominals);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }
}
