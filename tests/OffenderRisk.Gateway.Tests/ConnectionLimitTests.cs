using System.Net;
using System.Net.Sockets;
using OffenderRisk.Gateway.Tests.Infrastructure;
using OffenderRisk.Testing;
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
        using var idle = await IdleSockets.OpenAsync(fixture.Gateway.Address, 3 * ConnectionCappedGatewayFixture.MaxConnections);
        var openNow = await idle.CountOpenAsync();

        await Task.Delay(ConnectionCappedGatewayFixture.IdleTimeout + TimeSpan.FromSeconds(2.5));
        var openAfterIdleTimeout = await idle.CountOpenAsync();

        Assert.InRange(openNow, 1, ConnectionCappedGatewayFixture.MaxConnections);
        Assert.Equal(0, openAfterIdleTimeout);
        using var channel = ProbeContract.AuthenticatedChannel(fixture.Gateway.Address, GatewayProcess.Token());
        Assert.Equal("nominals", (await channel.ProbeAsync("offenderrisk.nominals.v1.GatewayProbeService")).ServedBy);
    }
}

/// <summary>One client address cannot take every connection the gateway allows: past
/// Gateway:MaxConnectionsPerAddress its new connections are closed at once, while another address
/// still connects and calls, and the capped address gets in again once its connections close.</summary>
public sealed class ConnectionsPerAddressTests(AddressCappedGatewayFixture fixture) : IClassFixture<AddressCappedGatewayFixture>
{
    [Fact]
    public async Task Idle_connections_from_one_address_beyond_its_cap_are_closed_while_another_address_is_served()
    {
        using (var idle = await IdleSockets.OpenAsync(fixture.Gateway.Address, 3 * AddressCappedGatewayFixture.PerAddress))
        {
            var openFromOneAddress = await idle.CountOpenAsync();

            using var otherAddress = ProbeContract.AuthenticatedChannel(fixture.Gateway.Address, GatewayProcess.Token(),
                SourceAddress.Handler(SourceAddress.OtherLoopback));
            var servedElsewhere = (await otherAddress.ProbeAsync("offenderrisk.nominals.v1.GatewayProbeService")).ServedBy;

            Assert.Equal(AddressCappedGatewayFixture.PerAddress, openFromOneAddress);
            Assert.Equal("nominals", servedElsewhere);
        }

        // The capped address's slots are freed as its connections close.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        using var again = ProbeContract.AuthenticatedChannel(fixture.Gateway.Address, GatewayProcess.Token());
        Assert.Equal("nominals", (await again.ProbeAsync("offenderrisk.nominals.v1.GatewayProbeService")).ServedBy);
    }
}

/// <summary>TCP connections from 127.0.0.1 that never send a byte, closed when disposed.</summary>
internal sealed class IdleSockets : IDisposable
{
    private readonly List<Socket> _sockets = [];

    /// <summary>Opens <paramref name="count"/> connections to <paramref name="address"/>'s port and
    /// gives the gateway a moment to close the ones it will not keep.</summary>
    public static async Task<IdleSockets> OpenAsync(string address, int count)
    {
        var idle = new IdleSockets();
        var endpoint = new IPEndPoint(IPAddress.Loopback, new Uri(address).Port);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                idle._sockets.Add(socket);
                await socket.ConnectAsync(endpoint);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(700));
            return idle;
        }
        catch
        {
            idle.Dispose();
            throw;
        }
    }

    /// <summary>Sockets the gateway has not closed: a read that waits (no data, no end of stream).</summary>
    public async Task<int> CountOpenAsync()
    {
        var open = 0;
        var buffer = new byte[256];
        foreach (var socket in _sockets)
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

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }
}
