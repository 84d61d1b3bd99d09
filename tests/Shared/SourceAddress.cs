using System.Net;
using System.Net.Sockets;

namespace OffenderRisk.Testing;

/// <summary>
/// HTTP connections that leave from a chosen local address, so a test on one machine can call as
/// a second client address (Linux answers all of 127.0.0.0/8 on the loopback interface).
/// </summary>
public static class SourceAddress
{
    /// <summary>Another loopback address than 127.0.0.1.</summary>
    public static readonly IPAddress OtherLoopback = IPAddress.Parse("127.0.0.2");

    /// <summary>A handler (HTTP/2 capable, for a GrpcChannel) whose connections are bound to <paramref name="source"/>.</summary>
    public static SocketsHttpHandler Handler(IPAddress source) => new()
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(source.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
