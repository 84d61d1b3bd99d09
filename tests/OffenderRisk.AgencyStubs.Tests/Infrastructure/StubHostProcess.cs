using System.Collections.Concurrent;
using System.Diagnostics;

namespace OffenderRisk.AgencyStubs.Tests.Infrastructure;

/// <summary>
/// The stub host run as a real child process (the build copies it, with its runtimeconfig, into the test output).
/// Always killed on dispose, so a failing test leaves nothing behind.
/// </summary>
public sealed class StubHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly BlockingCollection<string> _stdout = [];
    private readonly ConcurrentQueue<string> _stderr = new();

    private StubHostProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _stdout.CompleteAdding();
            }
            else
            {
                _stdout.Add(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _stderr.Enqueue(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string StandardError => string.Join(Environment.NewLine, _stderr);

    public static StubHostProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "OffenderRisk.AgencyStubs.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Never inherit a watcher target from whatever launched the test run.
        info.Environment.Remove("OFFENDERRISK_PARENT_PID");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return new StubHostProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start."));
    }

    /// <summary>Arguments that start only the given agencies, each on a free port.</summary>
    public static IEnumerable<string> OnFreePorts(params string[] agencies) =>
        AgencyNames.All.Select(agency => agencies.Contains(agency)
            ? $"--AgencyStubs:Agencies:{agency}:Port=0"
            : $"--AgencyStubs:Agencies:{agency}:Enabled=false");

    /// <summary>Reads stdout lines until <paramref name="predicate"/> matches one or the time runs out.</summary>
    public List<string> ReadLinesUntil(Func<string, bool> predicate, TimeSpan limit)
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            foreach (var line in _stdout.GetConsumingEnumerable(timeout.Token))
            {
                lines.Add(line);
                if (predicate(line))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Time is up: the caller asserts on what was read.
        }

        return lines;
    }

    public bool WaitForExit(TimeSpan limit)
    {
        if (!_process.WaitForExit(limit))
        {
            return false;
        }

        // The timed overload returns before the asynchronous stdout/stderr readers have drained; this one waits for them.
        _process.WaitForExit();
        return true;
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _stdout.Dispose();
    }
}
