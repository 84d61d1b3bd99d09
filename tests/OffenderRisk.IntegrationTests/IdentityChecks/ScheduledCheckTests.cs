using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Identity.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.IntegrationTests.Infrastructure;

namespace OffenderRisk.IntegrationTests.IdentityChecks;

/// <summary>R-RM5: yearly scheduled checks for a nominal on reactive management.</summary>
[Collection(SuiteCollection.Name)]
public sealed class ScheduledCheckTests(SuiteFixture suite)
{
    [Fact]
    public async Task R_RM5_scheduled_checks_are_only_for_a_nominal_on_reactive_management()
    {
        var s = await IdentityScenario.CreateAsync(suite);
        await RpcAssert.RefusedByRuleAsync("R-RM5", "nominal", () => s.ScheduledChecks.ScheduleCheckSetAsync(
            new ScheduleCheckSetRequest { Nominal = s.Nominal.Name }, s.AsOfficer).ResponseAsync);
    }

    [Fact]
    public async Task R_RM5_a_due_set_runs_PND_and_PNC_opens_manual_tasks_and_schedules_the_next_year_when_done()
    {
        var s = await IdentityScenario.CreateAsync(suite, n => n.PncId = "99/0000001A");
        await s.Nominals.PlaceOnReactiveAsync(s.Nominal);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var scheduled = (await s.ScheduledChecks.ScheduleCheckSetAsync(new ScheduleCheckSetRequest
        {
            Nominal = s.Nominal.Name, DueDate = new CalendarDate { Year = today.Year, Month = today.Month, Day = today.Day },
        }, s.AsOfficer)).CheckSet;
        Assert.Equal(8, scheduled.Checks.Count);
        await RpcAssert.FailsAsync(Grpc.Core.StatusCode.FailedPrecondition, () => s.ScheduledChecks.ScheduleCheckSetAsync(
            new ScheduleCheckSetRequest { Nominal = s.Nominal.Name }, s.AsOfficer).ResponseAsync);

        CheckSet set = scheduled;
        await IdentityScenario.EventuallyAsync(async () =>
        {
            set = (await s.ScheduledChecks.GetCheckSetAsync(new GetCheckSetRequest { Name = scheduled.Name }, s.AsOfficer)).CheckSet;
            return set.Checks.Where(c => c.Automated).All(c => c.State == ScheduledCheckState.Done);
        }, TimeSpan.FromSeconds(15), "the automated checks to run");
        Assert.Equal(CheckSetState.InProgress, set.State);
        Assert.StartsWith("PND: 2 record(s)", set.Checks.Single(c => c.Kind == ScheduledCheckKind.Pnd).Outcome, StringComparison.Ordinal);
        Assert.StartsWith("PNC: record ACTIVE", set.Checks.Single(c => c.Kind == ScheduledCheckKind.Pnc).Outcome, StringComparison.Ordinal);
        Assert.All(set.Checks.Where(c => c.Automated), c => Assert.StartsWith("enquiries/", c.Enquiry, StringComparison.Ordinal));
        var manual = set.Checks.Where(c => !c.Automated).ToList();
        Assert.Equal([ScheduledCheckKind.Wicu, ScheduledCheckKind.Nca, ScheduledCheckKind.InterpolNotices, ScheduledCheckKind.Visor,
            ScheduledCheckKind.LocalIntelligence, ScheduledCheckKind.AgencyChecks], manual.Select(c => c.Kind));
        Assert.All(manual, c => Assert.Equal(ScheduledCheckState.ManualTaskOpen, c.State));

        await RpcAssert.FailsAsync(Grpc.Core.StatusCode.InvalidArgument, () => s.ScheduledChecks.CompleteManualCheckAsync(new CompleteManualCheckRequest
        {
            CheckSet = set.Name, Kind = ScheduledCheckKind.Pnd, Outcome = "by hand", Etag = set.Etag,
        }, s.AsOfficer).ResponseAsync);
        foreach (var check in manual)
        {
            set = (await s.ScheduledChecks.CompleteManualCheckAsync(new CompleteManualCheckRequest
            {
                CheckSet = set.Name, Kind = check.Kind, Outcome = "checked: nothing of note", Etag = set.Etag,
            }, s.AsOfficer)).CheckSet;
        }
        Assert.Equal(CheckSetState.Complete, set.State);
        var next = (await s.ScheduledChecks.GetCheckSetAsync(new GetCheckSetRequest { Name = set.NextCheckSet }, s.AsOfficer)).CheckSet;
        Assert.Equal(CheckSetState.Scheduled, next.State);
        var nextDue = today.AddYears(1);
        Assert.Equal((nextDue.Year, nextDue.Month, nextDue.Day), (next.DueDate.Year, next.DueDate.Month, next.DueDate.Day));
        var all = await s.ScheduledChecks.ListCheckSetsAsync(new ListCheckSetsRequest { Nominal = s.Nominal.Name }, s.AsOfficer);
        Assert.Equal(2, all.CheckSets.Count);
    }

    [Fact]
    public async Task R_RM5_a_set_runs_only_when_it_falls_due()
    {
        var s = await IdentityScenario.CreateAsync(suite, n => n.PncId = "99/0000001A");
        await s.Nominals.PlaceOnReactiveAsync(s.Nominal);
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var scheduled = (await s.ScheduledChecks.ScheduleCheckSetAsync(new ScheduleCheckSetRequest
        {
            Nominal = s.Nominal.Name, DueDate = new CalendarDate { Year = tomorrow.Year, Month = tomorrow.Month, Day = tomorrow.Day },
            RequestId = Guid.NewGuid().ToString(),
        }, s.AsOfficer)).CheckSet;
        Assert.Equal(CheckSetState.Scheduled, scheduled.State);

        await Task.Delay(TimeSpan.FromSeconds(1.5)); // three scheduler polls
        var waiting = (await s.ScheduledChecks.GetCheckSetAsync(new GetCheckSetRequest { Name = scheduled.Name }, s.AsOfficer)).CheckSet;
        Assert.Equal(CheckSetState.Scheduled, waiting.State);
        Assert.All(waiting.Checks, c => Assert.Equal(ScheduledCheckState.Pending, c.State));
        await RpcAssert.FailsAsync(Grpc.Core.StatusCode.FailedPrecondition, () => s.ScheduledChecks.CompleteManualCheckAsync(new CompleteManualCheckRequest
        {
            CheckSet = scheduled.Name, Kind = ScheduledCheckKind.Visor, Outcome = "early", Etag = waiting.Etag,
        }, s.AsOfficer).ResponseAsync);
    }
}
