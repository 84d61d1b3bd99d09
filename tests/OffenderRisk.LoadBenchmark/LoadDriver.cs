using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http;
using Grpc.Core;
using Grpc.Net.Client;

namespace OffenderRisk.LoadBenchmark;

/// <summary>Latencies and errors of one kind of call in one load.</summary>
internal sealed class CallLog
{
    private readonly ConcurrentBag<List<double>> _parts = [];
    private readonly ConcurrentDictionary<StatusCode, int> _errors = new();

    /// <summary>A list for one worker to add to without locking.</summary>
    public List<double> Part()
    {
        var part = new List<double>(4096);
        _parts.Add(part);
        return part;
    }

    public void Error(StatusCode code) => _errors.AddOrUpdate(code, 1, (_, n) => n + 1);

    public long Errors => _errors.Values.Sum();

    public string ErrorSummary => _errors.IsEmpty ? "" : string.Join(", ", _errors.OrderBy(e => e.Key).Select(e => $"{e.Key} {e.Value}"));

    /// <summary>Successful calls' latencies in milliseconds, sorted.</summary>
    public double[] Sorted()
    {
        var all = _parts.SelectMany(p => p).ToArray();
        Array.Sort(all);
        return all;
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>The figures of one load.</summary>
internal sealed record LoadResult(string Name, double Seconds, long Calls, long Errors, string ErrorSummary, double P50, double P99,
    IReadOnlyDictionary<string, double> PeakMB, IReadOnlyDictionary<string, double> CpuSeconds)
{
    public double Rate => Calls / Seconds;

    /// <summary>
    /// CPU microseconds per successful call of the named processes together, less what they spend
    /// idle (<paramref name="idlePerSecond"/>, CPU seconds a second) over the same time.
    /// </summary>
    public double CpuMicrosPerCall(IReadOnlyDictionary<string, double> idlePerSecond, params string[] processes) =>
        Calls == 0 ? double.NaN
            : processes.Sum(p => CpuSeconds.GetValueOrDefault(p) - idlePerSecond.GetValueOrDefault(p) * Seconds) * 1e6 / Calls;
}

/// <summary>
/// Real gRPC clients (Grpc.Net.Client) over HTTP/2 connections of their own: closed loops (each
/// stream calls again as soon as its call ends) for throughput, and open-loop pacing (calls start
/// on a fixed schedule whatever the answers do, latency counted from the scheduled start so a
/// slow server cannot hide its queue) for a target rate.
/// </summary>
internal static class LoadDriver
{
    /// <summary>Open loop: calls in flight at most; a call due beyond it is not sent and counts as an error (ResourceExhausted).</summary>
    public const int MaxInFlight = 1000;

    public static GrpcChannel Channel(Uri address, bool multipleConnections = false) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = multipleConnections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        },
        DisposeHttpClient = true,
    });

    /// <summary>
    /// <paramref name="connections"/> × <paramref name="streams"/> callers, each with its own call
    /// made by <paramref name="caller"/> (given the connection's channel and the caller's number),
    /// for the warm-up and then the measured duration. CPU and peak memory of <paramref name="meters"/>
    /// are taken over the measured part only.
    /// </summary>
    public static async Task<LoadResult> ClosedLoopAsync(string name, Uri address, int connections, int streams, TimeSpan warmup, TimeSpan duration,
        Func<GrpcChannel, int, Func<Task>> caller, IReadOnlyList<ProcessMeter> meters, CancellationToken ct)
    {
        var channels = Enumerable.Range(0, connections).Select(_ => Channel(address)).ToArray();
        try
        {
            var calls = Enumerable.Range(0, connections * streams).Select(i => caller(channels[i % connections], i)).ToArray();
            var log = new CallLog();
            var stop = Stopwatch.GetTimestamp() + (long)((warmup + duration).TotalSeconds * Stopwatch.Frequency);
            var measure = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
            Snapshot? before = null;
            var workers = calls.Select(call => Task.Run(async () =>
            {
                var part = log.Part();
                while (!ct.IsCancellationRequested)
                {
                    var start = Stopwatch.GetTimestamp();
                    if (start >= stop)
                    {
                        return;
                    }
                    var inWindow = start >= measure;
                    try
                    {
                        await call();
                        if (inWindow)
                        {
                            part.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        }
                    }
                    catch (RpcException e) when (inWindow)
                    {
                        log.Error(e.StatusCode);
                    }
                    catch (RpcException)
                    {
                        // During the warm-up: not counted.
                    }
                }
            }, ct)).ToList();
            // The measured window: meters read when it opens and when the last caller has finished.
            await Task.Delay(warmup, ct);
            before = Snapshot.Take(meters);
            await Task.WhenAll(workers);
            var seconds = (Stopwatch.GetTimestamp() - measure) / (double)Stopwatch.Frequency;
            var after = Snapshot.Take(meters);
            var sorted = log.Sorted();
            return new LoadResult(name, seconds, sorted.Length, log.Errors, log.ErrorSummary, CallLog.Percentile(sorted, 0.5), CallLog.Percentile(sorted, 0.99),
                after.PeakMB, after.CpuSince(before));
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    /// <summary>
    /// Calls started on a fixed schedule of <paramref name="rate"/> a second for the warm-up and the
    /// measured duration, each made by <paramref name="next"/> (given the call's sequence number; it
    /// returns the kind of call, for the per-kind figures). Only calls scheduled in the measured
    /// part count. Returns the whole and each kind.
    /// </summary>
    public static async Task<(LoadResult All, IReadOnlyList<LoadResult> Kinds)> OpenLoopAsync(string name, int rate, TimeSpan warmup, TimeSpan duration,
        Func<long, (string Kind, Func<Task> Call)> next, IReadOnlyList<ProcessMeter> meters, CancellationToken ct)
    {
        var all = new CallLog();
        var kinds = new ConcurrentDictionary<string, CallLog>();
        var total = (long)((warmup + duration).TotalSeconds * rate);
        var firstMeasured = (long)(warmup.TotalSeconds * rate);
        var inFlight = new ConcurrentDictionary<long, Task>();
        var origin = Stopwatch.GetTimestamp();
        Snapshot? before = null;
        // One list for all and one per kind, added to under one lock (a few thousand adds a second).
        var allPart = all.Part();
        var kindParts = new Dictionary<string, List<double>>(StringComparer.Ordinal);

        async Task RunOne(long sequence, long scheduled, string kind, Func<Task> call)
        {
            var measured = sequence >= firstMeasured;
            try
            {
                await call();
                if (measured)
                {
                    // Latency from the scheduled start, not the actual one: a late start is the server's queue too.
                    var ms = (Stopwatch.GetTimestamp() - scheduled) * 1000.0 / Stopwatch.Frequency;
                    lock (allPart)
                    {
                        allPart.Add(ms);
                        if (!kindParts.TryGetValue(kind, out var kindPart))
                        {
                            kindPart = kinds.GetOrAdd(kind, _ => new CallLog()).Part();
                            kindParts[kind] = kindPart;
                        }
                        kindPart.Add(ms);
                    }
                }
            }
            catch (RpcException e) when (measured)
            {
                all.Error(e.StatusCode);
                kinds.GetOrAdd(kind, _ => new CallLog()).Error(e.StatusCode);
            }
            catch (RpcException)
            {
            }
            finally
            {
                inFlight.TryRemove(sequence, out _);
            }
        }

        long sequence = 0;
        while (sequence < total && !ct.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            while (sequence < total)
            {
                var scheduled = origin + (long)(sequence * (double)Stopwatch.Frequency / rate);
                if (scheduled > now)
                {
                    break;
                }
                if (sequence == firstMeasured)
                {
                    before = Snapshot.Take(meters);
                }
                var (kind, call) = next(sequence);
                if (inFlight.Count >= MaxInFlight)
                {
                    // Not sent: the server is this far behind. Counted as an error of the load, so
                    // an overloaded run cannot look better by leaving calls out.
                    if (sequence >= firstMeasured)
                    {
                        all.Error(StatusCode.ResourceExhausted);
                        kinds.GetOrAdd(kind, _ => new CallLog()).Error(StatusCode.ResourceExhausted);
                    }
                    sequence++;
                    continue;
                }
                var s = sequence;
                inFlight[s] = Task.Run(() => RunOne(s, scheduled, kind, call), CancellationToken.None);
                sequence++;
            }
            await Task.Delay(1, ct);
        }
        before ??= Snapshot.Take(meters);
        var measuredEnd = Stopwatch.GetTimestamp();
        await Task.WhenAll(inFlight.Values.ToArray());
        var after = Snapshot.Take(meters);
        var seconds = (measuredEnd - (origin + (long)(firstMeasured * (double)Stopwatch.Frequency / rate))) / (double)Stopwatch.Frequency;

        LoadResult Result(string label, CallLog log)
        {
            double[] sorted;
            lock (allPart)
            {
                sorted = log.Sorted();
            }
            return new LoadResult(label, seconds, sorted.Length, log.Errors, log.ErrorSummary, CallLog.Percentile(sorted, 0.5), CallLog.Percentile(sorted, 0.99),
                after.PeakMB, after.CpuSince(before));
        }
        return (Result(name, all), kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => Result($"  {k.Key}", k.Value)).ToList());
    }

    /// <summary>CPU seconds and peak memory of the metered processes at one moment; a new snapshot starts new peaks.</summary>
    private sealed record Snapshot(IReadOnlyDictionary<string, double> Cpu, IReadOnlyDictionary<string, double> PeakMB)
    {
        public static Snapshot Take(IReadOnlyList<ProcessMeter> meters)
        {
            var cpu = meters.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Sum(m => m.CpuSeconds()));
            var peak = meters.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Max(m => m.PeakMiB()) * 1024 * 1024 / 1e6);
            foreach (var m in meters)
            {
                m.ResetPeak();
            }
            return new Snapshot(cpu, peak);
        }

        public Dictionary<string, double> CpuSince(Snapshot? before) =>
            Cpu.ToDictionary(c => c.Key, c => c.Value - (before?.Cpu.GetValueOrDefault(c.Key) ?? 0));
    }
}
