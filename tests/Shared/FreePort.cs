using System.Net;
using System.Net.Sockets;

namespace OffenderRisk.Testing;

/// <summary>
/// Loopback ports for the processes a test starts. A port is chosen well before its process binds
/// it, so two things must not take it meanwhile: another fixture in this test run (each port is
/// handed out once per run) and an outgoing connection (ports come from below the kernel's
/// ephemeral range, which is where connect() takes its local ports from). Test runs going on at
/// the same time start from different places in the range, and each port is checked free.
/// </summary>
public static class FreePort
{
    private const int Lowest = 10_000;
    private static readonly Lock Gate = new();
    private static readonly HashSet<int> Given = [];
    private static readonly int Highest = EphemeralRangeStart() - 1;
    private static int _cursor = Lowest + (Environment.ProcessId * 389 % (Highest - Lowest));

    /// <summary>A loopback port that is free now, outside the ephemeral range, and not handed out before in this run.</summary>
    public static int Next()
    {
        lock (Gate)
        {
            for (var tried = 0; tried <= Highest - Lowest; tried++)
            {
                var port = _cursor;
                _cursor = _cursor >= Highest ? Lowest : _cursor + 1;
                if (!Given.Contains(port) && IsFree(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
        }
        throw new InvalidOperationException($"No free loopback port between {Lowest} and {Highest}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port Linux may give an outgoing connection (32768 unless configured otherwise).</summary>
    private static int EphemeralRangeStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        var first = File.Exists(range) ? File.ReadAllText(range).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0] : null;
        return int.TryParse(first, out var start) && start > Lowest + 1_000 ? start : 32_768;
    }
}
