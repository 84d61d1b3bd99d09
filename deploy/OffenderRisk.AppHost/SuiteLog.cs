using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OffenderRisk.AppHost;

/// <summary>What the AppHost itself says on its console: where to point a client and a browser.</summary>
public static partial class SuiteLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway: {GatewayUrl}, dashboard: {DashboardUrl}, SQLite data: {DataDirectory}")]
    public static partial void Starting(ILogger logger, string gatewayUrl, string dashboardUrl, string dataDirectory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Suite ready: gateway {GatewayUrl} is healthy (HTTP/2 cleartext); dashboard {DashboardUrl}")]
    public static partial void Ready(ILogger logger, string gatewayUrl, string dashboardUrl);

    public static ILogger For(IServiceProvider services) =>
        services.GetRequiredService<ILoggerFactory>().CreateLogger("OffenderRisk.AppHost");
}
