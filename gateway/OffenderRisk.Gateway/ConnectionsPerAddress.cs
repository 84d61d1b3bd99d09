using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace OffenderRisk.Gateway;

/// <summary>
/// Caps the TCP connections one client address holds open at once
/// (<see cref="GatewayOptions.MaxConnectionsPerAddress"/>), a Kestrel connection middleware on
/// every endpoint. Kestrel's own <c>MaxConcurrentConnections</c> caps the whole process; without
/// this, one address opening that many idle connections would leave none for any other caller
/// until the keep-alive timeout closed them. A connection over the cap is closed before a byte of
/// it is read. The count is per address (IPv4-mapped IPv6 counted as IPv4), so behind a proxy that
/// concentrates its callers onto one address the cap must be raised or turned off (0).
/// </summary>
public sealed class ConnectionsPerAddress(int limit, ILogger logger)
{
    private readonly ConcurrentDictionary<IPAddress, int> _open = new();
    private long _lastWarning = long.MinValue;

    /// <summary>Connections currently held by <paramref name="address"/>.</summary>
    public int OpenFrom(IPAddress address) => _open.GetValueOrDefault(Normal(address));

    /// <summary>The middleware: counts the connection in, runs the rest of the pipeline, counts it out.</summary>
    public Func<ConnectionDelegate, ConnectionDelegate> Middleware => next => async connection =>
    {
        if (connection.RemoteEndPoint is not IPEndPoint { Address: var remote })
        {
            await next(connection);
            return;
        }
        var address = Normal(remote);
        if (!TryEnter(address))
        {
            WarnAtMostEveryMinute();
            connection.Abort(new ConnectionAbortedException("Too many connections from one address."));
            return;
        }
        try
        {
            await next(connection);
        }
        finally
        {
            Leave(address);
        }
    };

    private bool TryEnter(IPAddress address)
    {
        while (true)
        {
            var current = _open.GetOrAdd(address, 0);
            if (current >= limit)
            {
                return false;
            }
            if (_open.TryUpdate(address, current + 1, current))
            {
                return true;
            }
        }
    }

    private void Leave(IPAddress address)
    {
        while (true)
        {
            var current = _open[address];
            if (current == 1)
            {
                // The entry goes when its last connection does, so the map holds only addresses
                // with connections open (its size is bounded by the process's connection cap).
                if (_open.TryRemove(KeyValuePair.Create(address, 1)))
                {
                    return;
                }
            }
            else if (_open.TryUpdate(address, current - 1, current))
            {
                return;
            }
        }
    }

    /// <summary>One warning a minute at most, without the address: the log's cost stays bounded
    /// whatever a flood does.</summary>
    private void WarnAtMostEveryMinute()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastWarning);
        if (now - last >= 60_000 && Interlocked.CompareExchange(ref _lastWarning, now, last) == last)
        {
            logger.LogWarning("Closed a connection from an address already holding {Limit} connections (Gateway:MaxConnectionsPerAddress).", limit);
        }
    }

    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
