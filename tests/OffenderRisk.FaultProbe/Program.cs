using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OffenderRisk.Contracts.Common.V1;
using OffenderRisk.Contracts.Nominals.V1;
using OffenderRisk.ServiceDefaults.Security;
using OffenderRisk.Testing;

// The fault-and-abuse probe (README.md): flood, idle connections, a hung service and an oversized
// error, against the suite as `dotnet run --project deploy/OffenderRisk.AppHost` runs it. Loopback
// only, every case bounded in time and count; it prints what held and exits.
var options = ProbeOptions.Parse(args);
if (options is null)
{
    Console.WriteLine(ProbeOptions.Help);
    return 2;
}
var tokens = new TokenIssuer(new AuthOptions { SigningKey = options.SigningKey }, TimeProvider.System);
string Token(string force, string user) => tokens.Issue(user, force, [Roles.MosovoOfficer], TimeSpan.FromMinutes(30));

Console.WriteLine($"OffenderRisk fault probe against {options.Gateway} ({Environment.ProcessorCount} cores, {Environment.OSVersion})");
var results = new List<(string Case, bool Held, string Figures)>();
results.Add(await Cases.FloodAsync(options, Token));
results.Add(await Cases.IdleConnectionsAsync(options, Token));
results.Add(await Cases.HungServiceAsync(options, Token));
results.Add(await Cases.OversizedErrorAsync(options, Token));

Console.WriteLine();
foreach (var (name, held, figures) in results)
{
    Console.WriteLine($"{(held ? "HELD  " : "BROKEN")} {name}: {figures}");
}
return results.All(r => r.Held) ? 0 : 1;

internal sealed record ProbeOptions(Uri Gateway, string SigningKey, int FloodCalls, int IdleConnections, int HungServicePort, TimeSpan IdleWait)
{
    public const string Help = """
        OffenderRisk.FaultProbe: runs the flood, idle-connection, hung-service and oversized-error cases
        against a running suite on loopback, and prints what held.
          --gateway URL            default http://127.0.0.1:5100 (loopback only)
          --signing-key KEY        default the development key (the AppHost's suite)
          --flood-calls N          calls one caller fires at once and in a burst; default 3000
          --idle-connections N     idle TCP connections opened; default 6000
          --idle-wait SECONDS      how long to watch them for the idle timeout; default 35
          --hung-service-port P    the service paused (SIGSTOP, then SIGCONT); default 5103 (interventions)
        """;

    public static ProbeOptions? Parse(string[] args)
    {
        var gateway = new Uri("http://127.0.0.1:5100");
        var key = AuthOptions.DevelopmentSigningKey;
        int flood = 3000, idle = 6000, hung = 5103, wait = 35;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--gateway" when value is not null: gateway = new Uri(value); i++; break;
                case "--signing-key" when value is not null: key = value; i++; break;
                case "--flood-calls" when int.TryParse(value, out flood) && flood is > 0 and <= 100_000: i++; break;
                case "--idle-connections" when int.TryParse(value, out idle) && idle is > 0 and <= 15_000: i++; break;
                case "--idle-wait" when int.TryParse(value, out wait) && wait is >= 0 and <= 120: i++; break;
                case "--hung-service-port" when int.TryParse(value, out hung) && hung is > 0 and < 65536: i++; break;
                default: return null;
            }
        }
        // Loopback only: this program attacks what it is pointed at.
        return gateway.IsLoopback ? new ProbeOptions(gateway, key, flood, idle, hung, TimeSpan.FromSeconds(wait)) : null;
    }
}

internal static class Cases
{
    private static readonly Method<ListNominalsRequest, ListNominalsResponse> ListNominals =
        NominalsService.Descriptor.FindMethodByName("ListNominals") is not null
            ? new(MethodType.Unary, NominalsService.Descriptor.FullName, "ListNominals",
                Marshallers.Create(m => m.ToByteArray(), ListNominalsRequest.Parser.ParseFrom),
                Marshallers.Create(m => m.ToByteArray(), ListNominalsResponse.Parser.ParseFrom))
            : throw new InvalidOperationException("ListNominals is not in the contract.");

    /// <summary>One caller fires a burst; another, of another force, keeps calling at 10 a second.</summary>
    public static async Task<(string, bool, string)> FloodAsync(ProbeOptions options, Func<string, string, string> token)
    {
        Console.WriteLine($"flood: {options.FloodCalls} calls from one caller, while another calls every 100 ms");
        using var flooder = Channel(options, token("XF", "PC-FLOOD"));
        using var quiet = Channel(options, token("XQ", "PC-QUIET"));
        var baseline = await QuietCallsAsync(quiet, TimeSpan.FromSeconds(2), CancellationToken.None);

        using var stop = new CancellationTokenSource();
        var during = QuietCallsAsync(quiet, TimeSpan.FromSeconds(30), stop.Token);
        var outcomes = new Dictionary<StatusCode, int>();
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(256);
        await Task.WhenAll(Enumerable.Range(0, options.FloodCalls).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                var code = await OutcomeAsync(flooder, TimeSpan.FromSeconds(10));
                lock (outcomes)
                {
                    outcomes[code] = outcomes.GetValueOrDefault(code) + 1;
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        var floodTime = clock.Elapsed;
        await stop.CancelAsync();
        var quietDuring = await during;

        var figures = $"flood {options.FloodCalls} calls in {floodTime.TotalSeconds:0.0} s ({options.FloodCalls / floodTime.TotalSeconds:0}/s): "
            + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))
            + $"; other caller before: {baseline}; during: {quietDuring}";
        var held = outcomes.GetValueOrDefault(StatusCode.ResourceExhausted) > 0 && quietDuring.Failures == 0
            && quietDuring.P95 < TimeSpan.FromMilliseconds(Math.Max(250, 5 * baseline.P95.TotalMilliseconds));
        return ("flood", held, figures);
    }

    /// <summary>Many TCP connections that never send a byte: how many the gateway keeps, whether
    /// an established caller still gets through, and whether they are closed when idle.</summary>
    public static async Task<(string, bool, string)> IdleConnectionsAsync(ProbeOptions options, Func<string, string, string> token)
    {
        Console.WriteLine($"idle connections: opening {options.IdleConnections}, watching them {options.IdleWait.TotalSeconds:0} s");
        using var established = Channel(options, token("XQ", "PC-ESTABLISHED"));
        await OutcomeAsync(established, TimeSpan.FromSeconds(10));
        var sockets = new List<Socket>();
        var refused = 0;
        try
        {
            var endpoint = new IPEndPoint(IPAddress.Loopback, options.Gateway.Port);
            for (var i = 0; i < options.IdleConnections; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    using var connect = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                    await socket.ConnectAsync(endpoint, connect.Token);
                    sockets.Add(socket);
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                    socket.Dispose();
                    refused++;
                }
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
            var openAfterOne = await CountOpenAsync(sockets);
            var establishedWorks = await OutcomeAsync(established, TimeSpan.FromSeconds(5));
            // A new caller from another address: the per-address connection cap leaves it room
            // the idle ones cannot take.
            using var newcomer = Channel(options, token("XQ", "PC-NEWCOMER"), SourceAddress.OtherLoopback);
            var newcomerWorks = await OutcomeAsync(newcomer, TimeSpan.FromSeconds(5));
            await Task.Delay(options.IdleWait);
            var openAfterWait = await CountOpenAsync(sockets);
            using var later = Channel(options, token("XQ", "PC-LATER"));
            var laterWorks = await OutcomeAsync(later, TimeSpan.FromSeconds(5));
            var figures = $"{sockets.Count} connected ({refused} not); kept open by the gateway after 1 s: {openAfterOne}; "
                + $"established caller: {establishedWorks}; new caller from another address while they are held: {newcomerWorks}; "
                + $"still open after {options.IdleWait.TotalSeconds:0} s: {openAfterWait}; new caller then: {laterWorks}";
            var held = openAfterOne < options.IdleConnections && establishedWorks == StatusCode.OK
                && newcomerWorks == StatusCode.OK && laterWorks == StatusCode.OK
                && (options.IdleWait < TimeSpan.FromSeconds(31) || openAfterWait == 0);
            return ("idle connections", held, figures);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>A service paused with SIGSTOP (then always resumed): a call with a 2 s deadline,
    /// sent without a client-side deadline, must come back DEADLINE_EXCEEDED from the gateway.</summary>
    public static async Task<(string, bool, string)> HungServiceAsync(ProbeOptions options, Func<string, string, string> token)
    {
        var pid = ListeningProcess(options.HungServicePort);
        if (pid is null)
        {
            return ("hung service", false, $"no process listens on 127.0.0.1:{options.HungServicePort} (is the suite running?)");
        }
        Console.WriteLine($"hung service: pausing process {pid} (port {options.HungServicePort}) for at most 15 s");
        using var http = RawGrpc.NewClient();
        var path = "/offenderrisk.interventions.v1.InterventionsService/ListInterventions";
        var headers = new Dictionary<string, string> { ["authorization"] = "Bearer " + token("XQ", "PC-HUNG"), ["grpc-timeout"] = "2S" };
        var clock = Stopwatch.StartNew();
        string outcome;
        Signal(pid.Value, "STOP");
        try
        {
            using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            clock.Restart();
            try
            {
                var status = (await RawGrpc.CallAsync(http, options.Gateway.ToString(), path, [], headers, giveUp.Token)).Status;
                outcome = status?.ToString(CultureInfo.InvariantCulture) ?? "no status";
            }
            catch (OperationCanceledException)
            {
                outcome = "no answer within 15 s";
            }
        }
        finally
        {
            Signal(pid.Value, "CONT");
        }
        var elapsed = clock.Elapsed;
        var held = outcome == ((int)StatusCode.DeadlineExceeded).ToString(CultureInfo.InvariantCulture) && elapsed < TimeSpan.FromSeconds(3);
        return ("hung service", held, $"2 s deadline: grpc-status {outcome} after {elapsed.TotalSeconds:0.00} s");
    }

    /// <summary>Requests with many bad repeated elements: how big and slow the refusal is, and
    /// whether another caller's calls meanwhile fail.</summary>
    public static async Task<(string, bool, string)> OversizedErrorAsync(ProbeOptions options, Func<string, string, string> token)
    {
        Console.WriteLine("oversized error: CreateNominal with 1,000 and 50,000 empty aliases");
        using var http = RawGrpc.NewClient();
        using var quiet = Channel(options, token("XQ", "PC-QUIET-2"));
        using var stop = new CancellationTokenSource();
        var during = QuietCallsAsync(quiet, TimeSpan.FromSeconds(60), stop.Token);
        var figures = new List<string>();
        var held = true;
        foreach (var aliases in new[] { 1_000, 50_000 })
        {
            var nominal = new Nominal();
            nominal.Aliases.AddRange(Enumerable.Range(0, aliases).Select(_ => new PersonName()));
            var request = new CreateNominalRequest { Nominal = nominal, RequestId = Guid.NewGuid().ToString() };
            var headers = new Dictionary<string, string> { ["authorization"] = "Bearer " + token("XO", "PC-OVERSIZE"), ["grpc-timeout"] = "30S" };
            var clock = Stopwatch.StartNew();
            try
            {
                var answer = await RawGrpc.CallAsync(http, options.Gateway.ToString(), "/offenderrisk.nominals.v1.NominalsService/CreateNominal",
                    request.ToByteArray(), headers, CancellationToken.None);
                var status = answer.Status;
                var detailsBytes = answer.All.Where(h => h.Key == "grpc-status-details-bin").SelectMany(h => h.Value).Sum(v => v.Length);
                var headerBytes = answer.All.Sum(h => h.Key.Length + h.Value.Sum(v => v.Length));
                figures.Add($"{request.CalculateSize():N0}-byte request: grpc-status {status} in {clock.Elapsed.TotalSeconds:0.00} s, "
                    + $"status details {detailsBytes:N0} bytes, response headers {headerBytes:N0} bytes");
                held &= status == (int)StatusCode.InvalidArgument && detailsBytes < 16_384;
            }
            catch (HttpRequestException e)
            {
                figures.Add($"{request.CalculateSize():N0}-byte request: the call broke ({e.HttpRequestError}) after {clock.Elapsed.TotalSeconds:0.00} s");
                held = false;
            }
        }
        await stop.CancelAsync();
        var quietDuring = await during;
        figures.Add($"another caller meanwhile: {quietDuring}");
        return ("oversized error", held && quietDuring.Failures == 0, string.Join("; ", figures));
    }

    /// <summary>A channel to the gateway with <paramref name="bearer"/>; its connections leave from
    /// <paramref name="source"/> when one is given.</summary>
    private static GrpcChannel Channel(ProbeOptions options, string bearer, IPAddress? source = null) =>
        GrpcChannel.ForAddress(options.Gateway, new GrpcChannelOptions
        {
            HttpHandler = source is null ? null : SourceAddress.Handler(source),
            Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", "Bearer " + bearer);
                return Task.CompletedTask;
            })),
            UnsafeUseInsecureChannelCallCredentials = true,
        });

    private static async Task<StatusCode> OutcomeAsync(GrpcChannel channel, TimeSpan deadline)
    {
        try
        {
            using var call = channel.CreateCallInvoker().AsyncUnaryCall(ListNominals, null,
                new CallOptions(deadline: DateTime.UtcNow + deadline), new ListNominalsRequest { PageSize = 1 });
            await call.ResponseAsync;
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static async Task<Latencies> QuietCallsAsync(GrpcChannel channel, TimeSpan longest, CancellationToken stop)
    {
        var latencies = new List<TimeSpan>();
        var failures = 0;
        var until = Stopwatch.StartNew();
        while (until.Elapsed < longest && !stop.IsCancellationRequested)
        {
            var clock = Stopwatch.StartNew();
            if (await OutcomeAsync(channel, TimeSpan.FromSeconds(5)) == StatusCode.OK)
            {
                latencies.Add(clock.Elapsed);
            }
            else
            {
                failures++;
            }
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
        return new Latencies(latencies, failures);
    }

    private sealed record Latencies(List<TimeSpan> Samples, int Failures)
    {
        public TimeSpan P50 => Percentile(0.5);
        public TimeSpan P95 => Percentile(0.95);

        private TimeSpan Percentile(double p) =>
            Samples.Count == 0 ? TimeSpan.Zero : Samples.Order().ElementAt((int)Math.Min(Samples.Count - 1, Math.Floor(p * Samples.Count)));

        public override string ToString() =>
            $"{Samples.Count} ok, {Failures} failed, p50 {P50.TotalMilliseconds:0} ms, p95 {P95.TotalMilliseconds:0} ms, max {(Samples.Count == 0 ? 0 : Samples.Max().TotalMilliseconds):0} ms";
    }

    private static async Task<int> CountOpenAsync(List<Socket> sockets)
    {
        var open = 0;
        var buffer = new byte[512];
        foreach (var socket in sockets)
        {
            try
            {
                // Drain what the gateway sent (its HTTP/2 settings); 0 bytes means it closed.
                var closed = false;
                while (socket.Available > 0 || socket.Poll(0, SelectMode.SelectRead))
                {
                    if (await socket.ReceiveAsync(buffer, SocketFlags.None) == 0)
                    {
                        closed = true;
                        break;
                    }
                }
                open += closed ? 0 : 1;
            }
            catch (SocketException)
            {
            }
        }
        return open;
    }

    /// <summary>The process listening on a loopback port (from <c>ss</c>).</summary>
    private static int? ListeningProcess(int port)
    {
        var start = new ProcessStartInfo("ss", ["-Htlnp", $"sport = :{port}"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var ss = Process.Start(start);
        var output = ss?.StandardOutput.ReadToEnd() ?? "";
        ss?.WaitForExit(5000);
        var marker = output.IndexOf("pid=", StringComparison.Ordinal);
        if (marker < 0)
        {
            return null;
        }
        var digits = new string(output[(marker + 4)..].TakeWhile(char.IsDigit).ToArray());
        return int.TryParse(digits, out var pid) ? pid : null;
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        kill?.WaitForExit(5000);
    }
}
