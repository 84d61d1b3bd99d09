using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.Platform.Audit;
using OffenderRisk.Platform.Calls;
using OffenderRisk.Platform.Errors;
using OffenderRisk.Platform.Feeds;
using OffenderRisk.Platform.Nominals;
using OffenderRisk.ServiceDefaults;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.UnitTests.Foundation;

/// <summary>
/// The platform's one nominal lookup, registered as a service registers it, with the nominals
/// service answered by an interceptor in place of the network: what a caller gets for a visible,
/// another force's, a missing and an unreachable nominal, and what the call carried.
/// </summary>
public sealed class NominalLookupTests
{
    private const string Force = "T0001";
    private const string NominalId = "019a0000-0000-7000-8000-0000000000aa";
    private static readonly string Name = "nominals/" + NominalId;

    [Fact]
    public async Task A_visible_nominal_is_returned_as_a_snapshot_asked_for_with_a_service_token_of_the_callers_force_and_a_deadline()
    {
        var nominals = new FakeNominals(_ => new GetNominalResponse { Nominal = Stored(Force) });

        var snapshot = await Lookup(nominals).GetAsync(Caller(), NominalId);

        Assert.Equal((NominalId, Force, "PC-1", ManagementStatus.Active, NominalCategory.RegisteredSexualOffender, Gender.Female, new DateOnly(1970, 2, 3)),
            (snapshot.Id, snapshot.ForceCode, snapshot.MosovoOfficer, snapshot.ManagementStatus, snapshot.Category, snapshot.Gender, snapshot.DateOfBirth));
        Assert.Equal([("TESTPERSON", "Alpha"), ("TESTPERSON-ALIAS", "Al")], snapshot.Names);
        Assert.Equal((LeadAgency.Police, 2, 1), (snapshot.LeadAgency, snapshot.MappaLevel, snapshot.MappaCategory));
        var asked = Assert.Single(nominals.Calls);
        Assert.Equal(Name, asked.Request.Name);
        Assert.NotNull(asked.Options.Deadline);
        Assert.StartsWith("Bearer ", asked.Options.Headers!.GetValue("authorization"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nominal_the_nominals_service_does_not_find_is_not_found_under_the_name_asked_for()
    {
        var nominals = new FakeNominals(_ => throw new RpcException(new Status(StatusCode.NotFound, "nominals/other was not found.")));

        var e = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Lookup(nominals).GetAsync(Caller(), NominalId));

        Assert.Equal(Name, e.ResourceName);
    }

    [Fact]
    public async Task Another_forces_nominal_answered_by_mistake_is_still_not_found()
    {
        var nominals = new FakeNominals(_ => new GetNominalResponse { Nominal = Stored("T0002") });

        var e = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Lookup(nominals).GetAsync(Caller(), NominalId));

        Assert.Equal(Name, e.ResourceName);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, false)]
    [InlineData(StatusCode.DeadlineExceeded, true)]
    [InlineData(StatusCode.Internal, false)]
    public async Task A_nominals_service_that_cannot_answer_is_a_dependency_failure_naming_no_nominal(StatusCode status, bool timedOut)
    {
        var nominals = new FakeNominals(_ => throw new RpcException(new Status(status, "down")));

        var e = await Assert.ThrowsAsync<DependencyUnavailableException>(() => Lookup(nominals).GetAsync(Caller(), NominalId));

        Assert.Equal((NominalLookup.Dependency, timedOut), (e.Dependency, e.TimedOut));
        Assert.DoesNotContain(NominalId, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lookup_and_the_feed_consumer_share_one_client_and_one_token_plumbing()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddNominalLookup();
        builder.AddNominalFeedConsumer("assessments");
        builder.AddNominalLookup();

        Assert.Single(builder.Services, d => d.ServiceType == typeof(NominalsServiceCalls));
        Assert.Single(builder.Services, d => d.ServiceType == typeof(NominalLookup));
    }

    private static CallScope Caller() => CallScope.ForSystem(AuditActor.System("test", Force, "Test"), CancellationToken.None);

    private static Nominal Stored(string force) => new()
    {
        Name = Name,
        ForceCode = force,
        MosovoOfficer = "PC-1",
        ManagementStatus = ManagementStatus.Active,
        Category = NominalCategory.RegisteredSexualOffender,
        Gender = Gender.Female,
        DateOfBirth = new CalendarDate { Year = 1970, Month = 2, Day = 3 },
        PrimaryName = new PersonName { FamilyName = "TESTPERSON", GivenNames = "Alpha" },
        Aliases = { new PersonName { FamilyName = "TESTPERSON-ALIAS", GivenNames = "Al" } },
        LeadAgency = LeadAgency.Police,
        Mappa = new MappaManagement { Category = 1, Level = 2 },
    };

    /// <summary>The lookup as a service registers it, its nominals client answered by <paramref name="nominals"/>.</summary>
    private static NominalLookup Lookup(FakeNominals nominals)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.Configure<ServiceIdentity>(s => s.Name = "assessments");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new TokenIssuer(new AuthOptions { SigningKey = AuthOptions.DevelopmentSigningKey }, TimeProvider.System));
        builder.AddNominalLookup();
        builder.Services.AddGrpcClient<NominalsService.NominalsServiceClient>(NominalsServiceCalls.ClientName).AddInterceptor(() => nominals);
        return builder.Build().Services.GetRequiredService<NominalLookup>();
    }

    /// <summary>The nominals service's GetNominal, answered in process; records what each call carried.</summary>
    private sealed class FakeNominals(Func<GetNominalRequest, GetNominalResponse> answer) : Interceptor
    {
        public List<(GetNominalRequest Request, CallOptions Options)> Calls { get; } = [];

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
            TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            var get = (GetNominalRequest)(object)request;
            Calls.Add((get, context.Options));
            var response = Task.Run(() => (TResponse)(object)answer(get));
            return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => [], () => { });
        }
    }
}
