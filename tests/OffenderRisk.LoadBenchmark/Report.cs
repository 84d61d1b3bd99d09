namespace OffenderRisk.LoadBenchmark;

/// <summary>The table of loads, peak memory per process, and the targets of issue 11 with PASS or MISS.</summary>
internal static class Report
{
    public static void Print(BenchmarkResults r, BenchmarkSuite suite, BenchmarkOptions options, double nominalSeconds, double assessmentSeconds)
    {
        Console.WriteLine($"Seeding: {options.Nominals:N0} nominals in {nominalSeconds:F0} s, {options.Assessments:N0} assessments in {assessmentSeconds:F0} s");
        Console.WriteLine($"Suite healthy {suite.HealthyAfter["suite"].TotalSeconds:F1} s after the start command ("
            + string.Join(", ", suite.HealthyAfter.Where(h => h.Key != "suite").OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key} {h.Value.TotalSeconds:F1} s")) + ")");
        Console.WriteLine();

        var loads = new List<LoadResult> { r.Trivial, r.Audited, r.WithoutAudit, r.Gateway, r.Nginx, r.Mixed };
        loads.AddRange(r.MixedKinds);
        loads.Add(r.Search);
        loads.AddRange(r.SearchKinds);
        Console.WriteLine(ProcessMeter.PeakResetRefused
            ? "Peak memory: VmHWM since each process started (the kernel refused to reset it per load)."
            : "Peak memory: VmHWM over each load's measured part (reset before it through /proc/PID/clear_refs).");
        Console.WriteLine($"{"load",-44}{"calls",9}{"req/s",9}{"p50 ms",9}{"p99 ms",9}{"errors",8}  peak memory (MB) of the processes it used");
        foreach (var l in loads)
        {
            var peaks = l.Name.StartsWith("  ", StringComparison.Ordinal) ? "" : string.Join(", ", l.PeakMB.Select(p => $"{p.Key} {p.Value:F0}"));
            Console.WriteLine($"{l.Name,-44}{l.Calls,9:N0}{l.Rate,9:F0}{l.P50,9:F2}{l.P99,9:F2}{l.Errors,8}  {peaks}{(l.Errors > 0 ? $"  [{l.ErrorSummary}]" : "")}");
        }
        Console.WriteLine();

        var none = new Dictionary<string, double>();
        var gatewayCpu = r.Gateway.CpuMicrosPerCall(r.IdleCpuPerSecond, "gateway");
        var nginxCpu = r.Nginx.CpuMicrosPerCall(r.IdleCpuPerSecond, "nginx master", "nginx worker");
        Console.WriteLine($"CPU per proxied GetNominal, less idle CPU: gateway {gatewayCpu:F0} µs, nginx {nginxCpu:F0} µs "
            + $"(without subtracting idle: gateway {r.Gateway.CpuMicrosPerCall(none, "gateway"):F0} µs, nginx {r.Nginx.CpuMicrosPerCall(none, "nginx master", "nginx worker"):F0} µs; "
            + $"the nominals service behind them: {r.Gateway.CpuMicrosPerCall(r.IdleCpuPerSecond, "nominals"):F0} µs via gateway, {r.Nginx.CpuMicrosPerCall(r.IdleCpuPerSecond, "nominals"):F0} µs via nginx)");
        Console.WriteLine($"Added latency on an idle GetNominal (p50 over direct): gateway {(r.Idle.GatewayP50 - r.Idle.DirectP50) * 1000:F0} µs, nginx {(r.Idle.NginxP50 - r.Idle.DirectP50) * 1000:F0} µs");
        Console.WriteLine();

        var mixedServicePeak = r.Mixed.PeakMB.Where(p => p.Key != "gateway").MaxBy(p => p.Value);
        var targets = new (string Target, string Measured, string Goal, bool Met)[]
        {
            ("audited GetNominal / trivial handler", Ratio(r.Audited.Rate, r.Trivial.Rate), ">= 0.20", Measured(r.Audited.Rate / r.Trivial.Rate) >= 0.2),
            ("GetNominal gateway / direct", Ratio(r.Gateway.Rate, r.Audited.Rate), ">= 0.70", Measured(r.Gateway.Rate / r.Audited.Rate) >= 0.7),
            ("audit cost: 1 - audited / without audit", $"{1 - r.Audited.Rate / r.WithoutAudit.Rate:F2} ({r.Audited.Rate:F0}/{r.WithoutAudit.Rate:F0} per s)", "<= 0.20",
                Measured(1 - r.Audited.Rate / r.WithoutAudit.Rate) <= 0.2),
            ("gateway CPU per call / nginx grpc_pass", $"{gatewayCpu / nginxCpu:F2} ({gatewayCpu:F0}/{nginxCpu:F0} µs)", "<= 1.50", Measured(gatewayCpu / nginxCpu) <= 1.5),
            ($"mixed load at {options.MixedRate}/s: achieved rate", $"{r.Mixed.Rate:F0}/s", $">= {options.MixedRate * 0.98:F0}/s", r.Mixed.Rate >= options.MixedRate * 0.98),
            ("mixed load: p99", $"{r.Mixed.P99:F2} ms", "< 5 ms", Measured(r.Mixed.P99) < 5),
            ("mixed load: errors", $"{r.Mixed.Errors}", "0", r.Mixed.Errors == 0 && r.Mixed.Calls > 0),
            ($"search by name over {options.Nominals:N0} nominals: p99", $"{r.Search.P99:F2} ms", "< 20 ms", Measured(r.Search.P99) < 20),
            ("peak memory of a service under the mixed load", $"{mixedServicePeak.Value:F0} MB ({mixedServicePeak.Key}); gateway {r.Mixed.PeakMB.GetValueOrDefault("gateway"):F0} MB", "<= 150 MB", mixedServicePeak.Value <= 150),
            ("suite healthy after the start command", $"{suite.HealthyAfter["suite"].TotalSeconds:F1} s", "<= 10 s", suite.HealthyAfter["suite"].TotalSeconds <= 10),
        };
        Console.WriteLine($"{"target",-50}{"measured",-36}{"goal",-12}result");
        foreach (var t in targets)
        {
            Console.WriteLine($"{t.Target,-50}{t.Measured,-36}{t.Goal,-12}{(t.Met ? "PASS" : "MISS")}");
        }
        Console.WriteLine();
        foreach (var (name, process) in suite.ByName)
        {
            // Error lines only, by their category and first words: enough to tell a timeout from a refusal.
            var errors = process.Output.Split('\n').Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).ToList();
            if (errors.Count > 0)
            {
                Console.WriteLine($"{name} logged {errors.Count} error(s); kinds: {string.Join(" | ", errors.Select(e => e.Trim()).Distinct().Take(3))}");
            }
        }
        Console.WriteLine($"Mixed load (f), in twentieths: {string.Join(", ", SuiteLoads.Mix.Select(k => $"{k.Kind} {k.Twentieths}"))}");
    }

    /// <summary>A figure that could not be measured (no calls finished: NaN or infinite) meets no target.</summary>
    private static double Measured(double value) => double.IsFinite(value) ? value : double.NaN;

    private static string Ratio(double a, double b) => $"{a / b:F2} ({a:F0}/{b:F0} per s)";
}
