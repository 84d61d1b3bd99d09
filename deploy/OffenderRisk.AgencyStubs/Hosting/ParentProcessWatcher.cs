using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OffenderRisk.AgencyStubs.Hosting;

/// <summary>
/// Stops the host once the process named by <c>OFFENDERRISK_PARENT_PID</c> has gone, so test runs and
/// orchestrators that die without cleaning up never leave stub servers holding ports.
/// </summary>
internal sealed class ParentProcessWatcher(
    ParentProcessWatcher.Target target,
    IHostApplicationLifetime lifetime,
    ILogger<ParentProcessWatcher> logger) : BackgroundService
{
    public const string EnvironmentVariable = "OFFENDERRISK_PARENT_PID";

    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The watched process: its id and, when readable, its start time (guards against PID reuse).</summary>
    internal sealed record Target(int ProcessId, DateTime? StartTime);

    /// <summary>Parses the environment variable value. A value that is not a positive integer is a launch error.</summary>
    public static int ParseProcessId(string value) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
            ? pid
            : throw new InvalidOperationException($"{EnvironmentVariable} must be a positive process id, not '{value}'.");

    /// <summary>Captures the process now; <c>null</c> when it has already exited.</summary>
    public static Target? Capture(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited ? null : new Target(processId, TryGetStartTime(process));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static bool IsAlive(Target target)
    {
        try
        {
            using var process = Process.GetProcessById(target.ProcessId);
            if (process.HasExited)
            {
                return false;
            }

            // A different start time means the id now belongs to another process.
            return target.StartTime is null || TryGetStartTime(process) is not { } started || started == target.StartTime;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval);
        do
        {
            if (!IsAlive(target))
            {
                logger.LogWarning("Parent process {ProcessId} has exited; stopping the agency stubs.", target.ProcessId);
                lifetime.StopApplication();
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static DateTime? TryGetStartTime(Process process)
    {
        try
        {
            return process.StartTime;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            return null;
        }
    }
}
