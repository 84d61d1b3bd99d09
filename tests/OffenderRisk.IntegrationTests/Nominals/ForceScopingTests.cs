using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.Nominals;

/// <summary>
/// Every RPC of the nominals contracts that names a nominal refuses another force's one with
/// NOT_FOUND, exactly as if it did not exist. The RPCs come from the service descriptors; each
/// needs a sample request here, and the same sample from the owning force must get past the
/// lookup, so a NOT_FOUND cannot come from a broken sample.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class ForceScopingTests(SuiteFixture suite)
{
    /// <summary>RPCs meant to work across forces, and why.</summary>
    private static readonly Dictionary<string, string> CrossForceByDesign = new()
    {
        ["offenderrisk.nominals.v1.IntelligenceService.RecordIntelligence"] = "R-ID2: any officer of any force records intelligence on any nominal",
        ["offenderrisk.nominals.v1.NominalsService.CreateNominal"] = "creates a new nominal in the caller's own force; names none",
        ["offenderrisk.nominals.v1.NominalsService.SearchNominals"] = "its name is a person's name to look for; results are force-scoped (SearchNominalsTests)",
        ["offenderrisk.nominals.v1.NominalsService.AcceptTransfer"] = "names a transfer, which only the receiving force sees (TransferAndErasureTests)",
    };

    private static readonly string[] AllRoles = ["officer", "mosovo-officer", "supervisor", "analyst", "victim-liaison", "auditor", "administrator", "service"];

    /// <summary>What a sample can refer to: a managed nominal of the owning force with an order, intelligence, a work item and a victim.</summary>
    public sealed record Target(Nominal Nominal, string CivilOrder, string Intelligence, WorkItem WorkItem, Victim Victim);

    private static readonly Dictionary<string, Func<Target, IMessage>> Samples = new()
    {
        ["offenderrisk.nominals.v1.NominalsService.GetNominal"] = t => new GetNominalRequest { Name = t.Nominal.Name },
        ["offenderrisk.nominals.v1.NominalsService.UpdateNominal"] = t => new UpdateNominalRequest
        {
            Nominal = new Nominal { Name = t.Nominal.Name, Etag = t.Nominal.Etag, VisorReference = "TEST/9001" },
            UpdateMask = new FieldMask { Paths = { "visor_reference" } },
        },
        ["offenderrisk.nominals.v1.NominalsService.AssignOfficer"] = t => new AssignOfficerRequest { Name = t.Nominal.Name, Officer = "PC-X", Etag = t.Nominal.Etag },
        ["offenderrisk.nominals.v1.NominalsService.ChangeManagementStatus"] = t => new ChangeManagementStatusRequest { Name = t.Nominal.Name, Status = ManagementStatus.Ended, Reason = "r", Etag = t.Nominal.Etag },
        ["offenderrisk.nominals.v1.NominalsService.SetMappaManagement"] = t => new SetMappaManagementRequest { Name = t.Nominal.Name, Category = 1, Level = 1, Reason = "r", Etag = t.Nominal.Etag },
        ["offenderrisk.nominals.v1.NominalsService.ChangeLeadAgency"] = t => new ChangeLeadAgencyRequest { Name = t.Nominal.Name, LeadAgency = LeadAgency.Police, Etag = t.Nominal.Etag },
        ["offenderrisk.nominals.v1.NominalsService.RecordSentence"] = t => new RecordSentenceRequest
        {
            Name = t.Nominal.Name,
            Sentence = new Sentence { ConvictionDate = new CalendarDate { Year = 2020, Month = 1, Day = 1 }, SentenceDate = new CalendarDate { Year = 2020, Month = 1, Day = 2 }, Disposal = Disposal.Other },
            Etag = t.Nominal.Etag,
        },
        ["offenderrisk.nominals.v1.NominalsService.AddCivilOrder"] = t => new AddCivilOrderRequest
        {
            Parent = t.Nominal.Name,
            CivilOrder = new CivilOrder { Type = CivilOrderType.Sro, StartDate = new CalendarDate { Year = 2024, Month = 1, Day = 1 } },
            Etag = t.Nominal.Etag,
        },
        ["offenderrisk.nominals.v1.NominalsService.UpdateCivilOrder"] = t => new UpdateCivilOrderRequest
        {
            CivilOrder = new CivilOrder { Name = t.CivilOrder, PendingDischarge = true },
            UpdateMask = new FieldMask { Paths = { "pending_discharge" } },
            Etag = t.Nominal.Etag,
        },
        ["offenderrisk.nominals.v1.NominalsService.RecordRiskToChildren"] = t => new RecordRiskToChildrenRequest
        {
            Name = t.Nominal.Name,
            RiskToChildren = new RiskToChildren { Conclusion = RiskToChildrenConclusion.NoIdentifiedRisk, Rationale = "r", InformationSources = { "s" } },
            Etag = t.Nominal.Etag,
        },
        ["offenderrisk.nominals.v1.NominalsService.StartTransfer"] = t => new StartTransferRequest { Name = t.Nominal.Name, ReceivingForce = "ZZ99", Reason = "r", Etag = t.Nominal.Etag },
        ["offenderrisk.nominals.v1.NominalsService.EraseNominal"] = t => new EraseNominalRequest { Name = t.Nominal.Name, Reason = "r" },
        ["offenderrisk.nominals.v1.IntelligenceService.GetIntelligence"] = t => new GetIntelligenceRequest { Name = t.Intelligence },
        ["offenderrisk.nominals.v1.IntelligenceService.ListIntelligence"] = t => new ListIntelligenceRequest { Parent = t.Nominal.Name },
        ["offenderrisk.nominals.v1.IntelligenceService.AssessIntelligence"] = t => new AssessIntelligenceRequest
        {
            Name = t.Intelligence,
            Assessment = new IntelligenceAssessment { Significance = ChangeSignificance.NotSignificant, Actions = { AssessmentAction.NoAction }, Rationale = "r" },
        },
        ["offenderrisk.nominals.v1.IntelligenceService.RecordNonCooperation"] = t => new RecordNonCooperationRequest
        {
            Parent = t.Nominal.Name,
            NonCooperation = new NonCooperation { Kind = NonCooperationKind.RefusedEntry, Details = "d", OccurTime = Timestamp.FromDateTime(DateTime.UtcNow.AddHours(-1)) },
        },
        ["offenderrisk.nominals.v1.IntelligenceService.ListNonCooperation"] = t => new ListNonCooperationRequest { Parent = t.Nominal.Name },
        ["offenderrisk.nominals.v1.IntelligenceService.GetWorkItem"] = t => new GetWorkItemRequest { Name = t.WorkItem.Name },
        ["offenderrisk.nominals.v1.IntelligenceService.AcknowledgeWorkItem"] = t => new AcknowledgeWorkItemRequest { Name = t.WorkItem.Name, Etag = t.WorkItem.Etag },
        ["offenderrisk.nominals.v1.IntelligenceService.CloseWorkItem"] = t => new CloseWorkItemRequest { Name = t.WorkItem.Name, Outcome = "o", Etag = t.WorkItem.Etag },
        ["offenderrisk.nominals.v1.VictimsService.CreateVictim"] = t => new CreateVictimRequest { Parent = t.Nominal.Name, Victim = VictimTestData.Victim() },
        ["offenderrisk.nominals.v1.VictimsService.GetVictim"] = t => new GetVictimRequest { Name = t.Victim.Name },
        ["offenderrisk.nominals.v1.VictimsService.ListVictims"] = t => new ListVictimsRequest { Parent = t.Nominal.Name },
        ["offenderrisk.nominals.v1.VictimsService.UpdateVictim"] = t => new UpdateVictimRequest
        {
            Victim = new Victim { Name = t.Victim.Name, Etag = t.Victim.Etag, SafetyMeasures = "s" },
            UpdateMask = new FieldMask { Paths = { "safety_measures" } },
        },
        ["offenderrisk.nominals.v1.VictimsService.RecordContactAction"] = t => new RecordContactActionRequest
        {
            Parent = t.Victim.Name,
            ContactAction = new VictimContactAction { Kind = VictimContactActionKind.Letter, Purpose = "p" },
        },
        ["offenderrisk.nominals.v1.VictimsService.ListContactActions"] = t => new ListContactActionsRequest { Parent = t.Victim.Name },
        ["offenderrisk.nominals.v1.VictimsService.RecordReviewApplication"] = t => new RecordReviewApplicationRequest
        {
            Parent = t.Nominal.Name,
            ApplicationDate = new CalendarDate { Year = 2024, Month = 1, Day = 2 },
        },
        ["offenderrisk.nominals.v1.IntelligenceService.CreateWorkItem"] = t => new CreateWorkItemRequest
        {
            Parent = t.Nominal.Name,
            Kind = WorkItemKind.IdentityDiscrepancy,
            SummaryCode = "NEW_DOCUMENT_NUMBER",
            Reference = "identityChecks/test",
        },
    };

    public static TheoryData<string> NominalNamingRpcs()
    {
        var data = new TheoryData<string>();
        foreach (var method in NominalsPackageMethods().Where(m => NamesANominal(m.InputType) && !CrossForceByDesign.ContainsKey(m.FullName)))
        {
            data.Add(method.FullName);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(NominalNamingRpcs))]
    public async Task Another_forces_nominal_is_not_found(string rpc)
    {
        Assert.True(Samples.TryGetValue(rpc, out var sample), $"{rpc} names a nominal: add a sample request for it to {nameof(ForceScopingTests)}");
        var target = await ArrangeAsync();
        var method = NominalsPackageMethods().Single(m => m.FullName == rpc);

        var other = await CallAsync(method, sample(target), suite.As(TestData.NewForce(), "OTHER-1", AllRoles));
        Assert.True(other == StatusCode.NotFound, $"{rpc} from another force gave {other}");

        // The owner is the nominal's own officer, so that officer-only actions (work items) pass too.
        var owner = await CallAsync(method, sample(target), suite.As(target.Nominal.ForceCode, NominalScenario.Officer, AllRoles));
        Assert.True(owner != StatusCode.NotFound, $"{rpc}'s sample is not found even by the owning force");
    }

    [Fact]
    public void Cross_force_exceptions_name_real_rpcs()
    {
        var all = NominalsPackageMethods().Select(m => m.FullName).ToHashSet();
        Assert.All(CrossForceByDesign.Keys, rpc => Assert.Contains(rpc, all));
    }

    private async Task<Target> ArrangeAsync()
    {
        var (s, nominal) = await NominalScenario.CreateAsync(suite);
        var managed = await s.ManageAsync(nominal);
        var withOrder = (await s.Client.AddCivilOrderAsync(new AddCivilOrderRequest
        {
            Parent = nominal.Name,
            CivilOrder = new CivilOrder { Type = CivilOrderType.Other, Description = "restraining order", StartDate = new CalendarDate { Year = 2024, Month = 1, Day = 1 } },
            Etag = managed.Etag,
        }, s.AsOfficer)).Nominal;
        var intelligence = await IntelligenceScenario.RecordAsync(suite, nominal.Name, s.AsOfficer);
        var workItem = (await IntelligenceScenario.QueueAsync(suite, s.AsOfficer)).Single();
        var victim = (await new VictimsService.VictimsServiceClient(suite.Channel).CreateVictimAsync(
            new CreateVictimRequest { Parent = nominal.Name, Victim = VictimTestData.Victim() }, suite.As(s.Force, "VLO-1", ["victim-liaison"]))).Victim;
        var current = await s.GetAsync(nominal.Name);
        return new Target(current, withOrder.CivilOrders.Single().Name, intelligence.Name, workItem, victim);
    }

    private async Task<StatusCode> CallAsync(MethodDescriptor method, IMessage request, CallOptions options)
    {
        var marshaller = Marshallers.Create(b => b, b => b);
        var invoker = suite.Channel.CreateCallInvoker();
        try
        {
            if (method.IsServerStreaming)
            {
                using var call = invoker.AsyncServerStreamingCall(new Method<byte[], byte[]>(MethodType.ServerStreaming, method.Service.FullName, method.Name, marshaller, marshaller), null, options, request.ToByteArray());
                await call.ResponseStream.MoveNext(CancellationToken.None);
                return StatusCode.OK;
            }
            await invoker.AsyncUnaryCall(new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, marshaller, marshaller), null, options, request.ToByteArray());
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static IEnumerable<MethodDescriptor> NominalsPackageMethods() =>
        typeof(ForceScopingTests).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: true, IsSealed: true } && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor")?.GetValue(null) as FileDescriptor)
            .Where(f => f?.Package == "offenderrisk.nominals.v1")
            .SelectMany(f => f!.Services)
            .SelectMany(s => s.Methods);

    /// <summary>A request names a nominal when it has a name/parent/nominal field, directly or in a top-level message field.</summary>
    private static bool NamesANominal(MessageDescriptor input) =>
        input.Fields.InDeclarationOrder().Any(f =>
            (f.FieldType == FieldType.String && f.Name is "name" or "parent" or "nominal")
            || (f.FieldType == FieldType.Message && !f.IsRepeated && f.MessageType.FullName.StartsWith("offenderrisk.nominals.v1.", StringComparison.Ordinal)
                && f.MessageType.Fields.InDeclarationOrder().Any(g => g.FieldType == FieldType.String && g.Name is "name" or "nominal")));
}
