using System.Net;
using System.Net.Sockets;

namespace OffenderRisk.Gateway.Tests.Infrastructure;

/// <summary>
/// A loopback port that never completes a TCP handshake, like a host that vanished (a closed port
/// answers at once with a reset; this does not): a listener that never accepts, with its accept
/// queue filled, makes Linux drop further SYNs, so connecting hangs.
/// </summary>
public sealed class BlackHoleListener : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly List<Socket> _fillers = [];

    private BlackHoleListener()
    {
    }

    public string Address => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}";

    public static async Task<BlackHoleListener> StartAsync()
    {
        var hole = new BlackHoleListener();
        hole._listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        hole._listener.Listen(0);
        var endpoint = (IPEndPoint)hole._listener.LocalEndPoint!;

        // Fill the accept queue, then prove that the next connection attempt hangs.
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            hole._fillers.Add(socket);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                await socket.ConnectAsync(endpoint, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return hole;
            }
        }
        hole.Dispose();
        throw new InvalidOperationException("Could not make a loopback port that drops connection attempts.");
    }

    public void Dispose()
    {
        foreach (var socket in _fillers)
        {
            socket.Dispose();
        }
        _listener.Dispose();
    }
}
