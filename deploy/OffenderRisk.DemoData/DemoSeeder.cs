using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using OffenderRisk.Client;
using OffenderRisk.Contracts.Assessments.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.Contracts.Nominals.V1;

namespace OffenderRisk.DemoData;

/// <summary>Who makes each call: credentials for a user of a force with the given roles.</summary>
public delegate CallCredentials DemoIdentities(string force, string user, string[] roles);

/// <summary>What a run made (or found made by an earlier run with the same seed) and what failed.</summary>
public sealed class DemoSummary
{
    public ConcurrentDictionary<string, int> NominalsByForce { get; } = new();
    public ConcurrentDictionary<int, int> NominalsByMappaLevel { get; } = new();
    private int _officersAssigned, _activated, _mappaSet, _intelligence, _assessments, _markerRequests;

    public int OfficersAssigned => _officersAssigned;
    public int Activated => _activated;
    public int MappaSet => _mappaSet;
    public int Intelligence => _intelligence;
    public int Assessments => _assessments;
    public int MarkerRequests => _markerRequests;

    internal void OfficerAssigned() => Interlocked.Increment(ref _officersAssigned);
    internal void MadeActive() => Interlocked.Increment(ref _activated);
    internal void MappaLevelSet() => Interlocked.Increment(ref _mappaSet);
    internal void IntelligenceRecorded() => Interlocked.Increment(ref _intelligence);
    internal void AssessmentDrafted() => Interlocked.Increment(ref _assessments);
    internal void MarkerRequested() => Interlocked.Increment(ref _markerRequests);

    /// <summary>Failures by decoded error (code, domain, reason, rule: no request data).</summary>
    public ConcurrentDictionary<string, int> Failures { get; } = new();

    public TimeSpan Elapsed { get; set; }

    public void Write(TextWriter output)
    {
        output.WriteLine($"Nominals: {NominalsByForce.Values.Sum()} ({string.Join(", ", NominalsByForce.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}"))})");
        output.WriteLine($"MAPPA levels: {string.Join(", ", NominalsByMappaLevel.OrderBy(l => l.Key).Select(l => $"level {l.Key}: {l.Value}"))}");
        output.WriteLine($"Changed this run: {OfficersAssigned} officers assigned, {Activated} made active, {MappaSet} MAPPA levels set");
        output.WriteLine($"Intelligence: {Intelligence}; ARMS drafts: {Assessments}; passport marker requests: {MarkerRequests}");
        output.WriteLine($"Failures: {(Failures.IsEmpty ? "none" : string.Join("; ", Failures.Select(f => $"{f.Key} x{f.Value}")))}");
        output.WriteLine($"Took {Elapsed.TotalSeconds:0.0} s");
    }
}

/// <summary>
/// Makes the demo's records through the gateway, nominal by nominal (at most <c>concurrency</c> at
/// once). Creates carry request ids from the plan, so a re-run finds what the last one made; the
/// other steps look at the nominal first and change only what is not yet as planned.
/// </summary>
public sealed class DemoSeeder(OffenderRiskClient suite, DemoIdentities identities, string armsTemplateJson)
{
    private static readonly string[] Mosovo = ["mosovo-officer"];
    private static readonly string[] Supervisor = ["supervisor"];

    public async Task<DemoSummary> RunAsync(DemoPlan plan, int concurrency, CancellationToken cancellationToken)
    {
        var summary = new DemoSummary();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Count), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                try
                {
                    await SeedOneAsync(plan, i, summary, ct);
                }
                catch (RpcException e)
                {
                    summary.Failures.AddOrUpdate(e.ToOffenderRiskError().ToString(), 1, (_, n) => n + 1);
                }
            });
        summary.Elapsed = clock.Elapsed;
        return summary;
    }

    private async Task SeedOneAsync(DemoPlan plan, int i, DemoSummary summary, CancellationToken ct)
    {
        var force = plan.ForceOf(i);
        var officer = DemoPlan.OfficerOf(i);
        var asOfficer = new CallOptions(credentials: identities(force, officer, Mosovo), cancellationToken: ct);
        var asSupervisor = new CallOptions(credentials: identities(force, DemoPlan.Supervisor, Supervisor), cancellationToken: ct);

        var created = (await suite.Nominals.CreateNominalAsync(new CreateNominalRequest
        {
            Nominal = SyntheticNominals.Nominal(plan, i),
            RequestId = plan.RequestId("nominal", i),
        }, asOfficer)).Nominal;
        // The create's answer is the first run's; read what the nominal is now.
        var nominal = (await suite.Nominals.GetNominalAsync(new GetNominalRequest { Name = created.Name }, asOfficer)).Nominal;
        summary.NominalsByForce.AddOrUpdate(force, 1, (_, n) => n + 1);

        if (nominal.MosovoOfficer != officer)
        {
            nominal = (await suite.Nominals.AssignOfficerAsync(new AssignOfficerRequest
            {
                Name = nominal.Name, Officer = officer, Reason = "demo allocation (fictional)", Etag = nominal.Etag,
            }, asSupervisor)).Nominal;
            summary.OfficerAssigned();
        }
        if (nominal.ManagementStatus != ManagementStatus.Active)
        {
            nominal = (await suite.Nominals.ChangeManagementStatusAsync(new ChangeManagementStatusRequest
            {
                Name = nominal.Name, Status = ManagementStatus.Active, Reason = "allocated for management (demo)", Etag = nominal.Etag,
            }, asOfficer)).Nominal;
            summary.MadeActive();
        }
        var level = DemoPlan.MappaLevelOf(i);
        if (nominal.Mappa is null || nominal.Mappa.Level == 0)
        {
            nominal = (await suite.Nominals.SetMappaManagementAsync(new SetMappaManagementRequest
            {
                Name = nominal.Name, Category = 1, Level = level, Reason = "MAPPA meeting (fictional, demo)", Etag = nominal.Etag,
            }, asOfficer)).Nominal;
            summary.MappaLevelSet();
        }
        summary.NominalsByMappaLevel.AddOrUpdate(nominal.Mappa?.Level ?? 0, 1, (_, n) => n + 1);

        await suite.Intelligence.RecordIntelligenceAsync(new RecordIntelligenceRequest
        {
            Parent = nominal.Name,
            Intelligence = SyntheticNominals.Intelligence(plan, i),
            RequestId = plan.RequestId("intelligence", i),
        }, asOfficer);
        summary.IntelligenceRecorded();

        if (DemoPlan.HasAssessment(i))
        {
            await suite.Assessments.CreateAssessmentAsync(ArmsDraft(nominal.Name, plan.RequestId("assessment", i)), asOfficer);
            summary.AssessmentDrafted();
        }
        if (DemoPlan.HasMarkerRequest(i))
        {
            // Delivered to the HMPO stub by identity-checks' outbox, after this call returns.
            await suite.MarkerRequests.CreateMarkerRequestAsync(new CreateMarkerRequestRequest
            {
                MarkerRequest = SyntheticNominals.PassportMarker(nominal.Name, i),
                RequestId = plan.RequestId("marker", i),
            }, asOfficer);
            summary.MarkerRequested();
        }
    }

    /// <summary>The README's worked-example ARMS (deploy/examples/arms-assessment.json) for this nominal.</summary>
    private CreateAssessmentRequest ArmsDraft(string nominal, string requestId) =>
        JsonParser.Default.Parse<CreateAssessmentRequest>(armsTemplateJson
            .Replace("\"NOMINAL\"", System.Text.Json.JsonSerializer.Serialize(nominal), StringComparison.Ordinal)
            .Replace("\"REQUEST_ID\"", System.Text.Json.JsonSerializer.Serialize(requestId), StringComparison.Ordinal));
}
