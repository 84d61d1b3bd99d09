using Grpc.Core;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>A force, its people, and a nominal of theirs: the set-up most nominal tests share.</summary>
public sealed class NominalScenario(SuiteFixture suite, string force)
{
    public string Force { get; } = force;
    public const string Officer = "PC-MOSOVO-1";
    public const string Supervisor = "SGT-SUP-1";

    public NominalsService.NominalsServiceClient Client { get; } = new(suite.Channel);

    public CallOptions AsOfficer => suite.As(Force, Officer, ["mosovo-officer"]);
    public CallOptions AsSupervisor => suite.As(Force, Supervisor, ["supervisor"]);

    public static async Task<(NominalScenario Scenario, Nominal Nominal)> CreateAsync(SuiteFixture suite, Action<Nominal>? shape = null)
    {
        var scenario = new NominalScenario(suite, TestData.NewForce());
        var nominal = TestData.Nominal();
        shape?.Invoke(nominal);
        var created = (await scenario.Client.CreateNominalAsync(new CreateNominalRequest { Nominal = nominal }, scenario.AsOfficer)).Nominal;
        return (scenario, created);
    }

    /// <summary>Names the scenario's officer and makes the nominal active.</summary>
    public async Task<Nominal> ManageAsync(Nominal nominal)
    {
        var assigned = (await Client.AssignOfficerAsync(new AssignOfficerRequest { Name = nominal.Name, Officer = Officer, Reason = "allocation", Etag = nominal.Etag }, AsSupervisor)).Nominal;
        return (await Client.ChangeManagementStatusAsync(new ChangeManagementStatusRequest { Name = nominal.Name, Status = ManagementStatus.Active, Reason = "allocated for management", Etag = assigned.Etag }, AsOfficer)).Nominal;
    }

    public ReactiveManagementService.ReactiveManagementServiceClient Reactive { get; } = new(suite.Channel);

    /// <summary>The placement's reasons the tests give (R-RM4).</summary>
    public static readonly string[] PlacementReasons = ["assessed low risk throughout the last three years (synthetic)", "no concerns in that time (synthetic)"];

    /// <summary>R-RM3: the professional judgement the tests record, citing a fictional pre-sentence report.</summary>
    public static ProfessionalJudgement Judgement() => new()
    {
        Rationale = "offence- and concern-free for more than three years (synthetic)",
        AssessmentsConsidered = { new ConsideredAssessment { Kind = ConsideredAssessmentKind.Psr, Reference = "DOC/PSR/0001 (fictional)", AssessmentDate = new() { Year = 2022, Month = 3, Day = 1 } } },
    };

    /// <summary>The scenario's officer proposes reactive management of <paramref name="nominal"/> with the tests' reasons.</summary>
    public async Task<ReactiveDecision> ProposeReactiveAsync(Nominal nominal, ProfessionalJudgement? judgement = null, CallOptions? as_ = null) =>
        (await Reactive.ProposeReactiveManagementAsync(new ProposeReactiveManagementRequest
        {
            Parent = nominal.Name,
            Decision = new ReactiveDecision { Reasons = { PlacementReasons }, ProfessionalJudgement = judgement },
            RequestId = Guid.NewGuid().ToString(),
        }, as_ ?? AsOfficer)).Decision;

    /// <summary>
    /// Places an active nominal on reactive management by an approved decision (R-RM1, R-RM3, R-RM4).
    /// Without three years of records a test can meet the criteria only by R-RM3: the nominal is
    /// recorded as a woman (if not already), her lead agency set to police, the scenario's officer
    /// proposes with a professional judgement and its supervisor (neither proposer nor officer)
    /// approves. The nominal must have no sexual or violent offence and no SHPO or SRO in force
    /// (unless pending discharge) in the last three years.
    /// </summary>
    public async Task<Nominal> PlaceOnReactiveAsync(Nominal active)
    {
        var female = active.Gender == Gender.Female ? active : (await Client.UpdateNominalAsync(new UpdateNominalRequest
        {
            Nominal = new Nominal { Name = active.Name, Etag = active.Etag, Gender = Gender.Female },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "gender" } },
        }, AsOfficer)).Nominal;
        var policeLed = female.LeadAgency == LeadAgency.Police
            ? female
            : (await Client.ChangeLeadAgencyAsync(new ChangeLeadAgencyRequest { Name = active.Name, LeadAgency = LeadAgency.Police, Reason = "police lead", Etag = female.Etag }, AsOfficer)).Nominal;
        var decision = await ProposeReactiveAsync(policeLed, Judgement());
        Assert.True(decision.State == ReactiveDecisionState.Proposed,
            "the placement's criteria failed: " + string.Join("; ", decision.Criteria.Where(c => !c.Passed).Select(c => $"{c.Criterion}: {c.Reason}")));
        await Reactive.ApproveReactiveDecisionAsync(new ApproveReactiveDecisionRequest { Name = decision.Name, Etag = decision.Etag }, AsSupervisor);
        return await GetAsync(active.Name);
    }

    /// <summary>A new (unmanaged) nominal of <paramref name="force"/>, for the services whose records must name one that exists and that force may see.</summary>
    public static async Task<string> NewNominalAsync(SuiteFixture suite, string force)
    {
        var scenario = new NominalScenario(suite, force);
        return (await scenario.Client.CreateNominalAsync(new CreateNominalRequest { Nominal = TestData.Nominal() }, scenario.AsOfficer)).Nominal.Name;
    }

    public async Task<Nominal> GetAsync(string name) =>
        (await Client.GetNominalAsync(new GetNominalRequest { Name = name }, AsOfficer)).Nominal;
}
