using System.Globalization;

namespace OffenderRisk.LoadBenchmark;

/// <summary>
/// What Linux says about one process the benchmark started, from /proc: CPU time used
/// (utime + stime of /proc/PID/stat) and peak resident memory (VmHWM of /proc/PID/status), whose
/// high-water mark is reset before each load (writing 5 to /proc/PID/clear_refs) so that each
/// load reports its own peak.
/// </summary>
internal sealed class ProcessMeter(string name, int pid)
{
    private static readonly double TicksPerSecond = ClockTicks();

    /// <summary>True once the kernel has refused a reset: peaks are then since each process started.</summary>
    public static bool PeakResetRefused { get; private set; }

    public string Name { get; } = name;
    public int Pid { get; } = pid;

    /// <summary>CPU seconds (user + system) used since the process started.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        // Fields after the command name, which is in parentheses and may hold spaces.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after state.
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / TicksPerSecond;
    }

    /// <summary>Peak resident memory in MiB since the start or the last <see cref="ResetPeak"/>.</summary>
    public double PeakMiB() => StatusKiB("VmHWM:") / 1024.0;

    /// <summary>Resident memory now, in MiB.</summary>
    public double ResidentMiB() => StatusKiB("VmRSS:") / 1024.0;

    /// <summary>Starts a new peak from the current resident size; false where the kernel refuses.</summary>
    public bool ResetPeak()
    {
        try
        {
            File.WriteAllText($"/proc/{Pid}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            PeakResetRefused = true;
            return false;
        }
    }

    private long StatusKiB(string key)
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }

    /// <summary>The process whose command line has every one of <paramref name="arguments"/> as an argument (a service: its dll and its --urls address).</summary>
    public static ProcessMeter Find(string name, params string[] arguments)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            string[] args;
            try
            {
                args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (arguments.All(args.Contains))
            {
                return new ProcessMeter(name, pid);
            }
        }
        throw new InvalidOperationException($"no process of {name} found");
    }

    /// <summary>The children of a process (nginx's workers), from the parent field of /proc/PID/stat.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
                {
                    children.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
        return children;
    }

    /// <summary>Clock ticks per second for /proc times: 100 on Linux (USER_HZ) unless getconf says otherwise.</summary>
    private static double ClockTicks()
    {
        try
        {
            using var getconf = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true });
            var text = getconf!.StandardOutput.ReadToEnd().Trim();
            getconf.WaitForExit();
            return double.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var hz) && hz > 0 ? hz : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100;
        }
    }
}
