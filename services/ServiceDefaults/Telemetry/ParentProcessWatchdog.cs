using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace OffenderRisk.ServiceDefaults.Telemetry;

/// <summary>
/// When <c>OFFENDERRISK_PARENT_PID</c> is set (tests, the stub host), stops this process once the
/// parent is gone, so an aborted test run never leaves services running.
/// </summary>
public sealed class ParentProcessWatchdog(IHostApplicationLifetime lifetime) : BackgroundService
{
    public const string Variable = "OFFENDERRISK_PARENT_PID";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(Variable), out var pid))
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!IsAlive(pid))
            {
                lifetime.StopApplication();
                return;
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
