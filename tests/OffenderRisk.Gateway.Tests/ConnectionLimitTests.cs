using System.Net;
using System.Net.Sockets;
using OffenderRisk.Gateway.Tests.Infrastructure;
using Xunit;

namespace OffenderRisk.Gateway.Tests;

/// <summary>Idle connections that never make a call cannot exhaust the gateway: past
/// Kestrel:Limits:MaxConcurrentConnections it closes new ones at once, and it closes idle ones
/// after Kestrel:Limits:KeepAliveTimeout, after which callers get in again.</summary>
public sealed class ConnectionLimitTests(ConnectionCappedGatewayFixture fixture) : IClassFixture<ConnectionCappedGatewayFixture>
{
    [Fact]
    public async Task Idle_connections_beyond_the_cap_are_closed_and_idle_ones_time_out()
    {
        const int opened = 3 * ConnectionCappedGatewayFixture.MaxConnections;
        var port = new Uri(fixture.Gateway.Address).Port;
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < opened; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
            }
            await Task.Delay(TimeSpan.FromMilliseconds(700));
            var openNow = await CountOpenAsync(sockets);

            await Task.Delay(ConnectionCappedGatewayFixture.IdleTimeout + TimeSpan.FromSeconds(2.5));
            var openAfterIdleTimeout = await CountOpenAsync(sockets);

            Assert.InRange(openNow, 1, ConnectionCappedGatewayFixture.MaxConnections);
            Assert.Equal(0, openAfterIdleTimeout);
            using var channel = ProbeContract.AuthenticatedChannel(fixture.Gateway.Address, GatewayProcess.Token());
            Assert.Equal("nominals", (await channel.ProbeAsync("offenderrisk.nominals.v1.GatewayProbeService")).ServedBy);
        }
        finally
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>Sockets the gateway has not closed: a read that waits (no data, no end of stream).</summary>
    private static async Task<int> CountOpenAsync(List<Socket> sockets)
    {
        var open = 0;
        var buffer = new byte[256];
        foreach (var socket in sockets)
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
            try
            {
                // The gateway may have sent its HTTP/2 settings; read until closed or quiet.
                while (await socket.ReceiveAsync(buffer, SocketFlags.None, wait.Token) > 0)
                {
                }
            }
            catch (OperationCanceledException)
            {
                open++;
            }
            catch (SocketException)
            {
                // reset: closed
            }
        }
        return open;
    }
}
