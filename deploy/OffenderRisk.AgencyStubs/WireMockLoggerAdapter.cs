using System.Globalization;
using Microsoft.Extensions.Logging;
using WireMock.Admin.Requests;
using WireMock.Logging;

namespace OffenderRisk.AgencyStubs;

/// <summary>Routes WireMock.Net's log calls into Microsoft.Extensions.Logging.</summary>
public sealed class WireMockLoggerAdapter : IWireMockLogger
{
    private readonly ILogger _logger;

    public WireMockLoggerAdapter(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    public void Debug(string formatString, params object[] args) => Write(LogLevel.Debug, formatString, args);

    public void Info(string formatString, params object[] args) => Write(LogLevel.Information, formatString, args);

    public void Warn(string formatString, params object[] args) => Write(LogLevel.Warning, formatString, args);

    public void Error(string formatString, params object[] args) => Write(LogLevel.Error, formatString, args);

    public void Error(string message, Exception exception) => _logger.LogError(exception, "{WireMockMessage}", message);

    public void DebugRequestResponse(LogEntryModel logEntryModel, bool isAdminRequest)
    {
        if (isAdminRequest || logEntryModel?.Request is null)
        {
            return;
        }

        // An unmatched request nearly always means a mapping typo or an undocumented selector: surface it.
        if (logEntryModel.MappingGuid is null && _logger.IsEnabled(LogLevel.Warning))
        {
            _logger.LogWarning(
                "No mapping matched {Method} {Path}; closest mapping: {ClosestMapping}",
                logEntryModel.Request.Method,
                logEntryModel.Request.Path,
                logEntryModel.PartialMappingTitle ?? "(none)");
            return;
        }

        if (logEntryModel.MappingGuid is null || !_logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        _logger.LogDebug(
            "{Method} {Path} -> {StatusCode} via mapping '{MappingTitle}'",
            logEntryModel.Request.Method,
            logEntryModel.Request.Path,
            logEntryModel.Response?.StatusCode,
            logEntryModel.MappingTitle);
    }

    private void Write(LogLevel level, string formatString, object[] args)
    {
        if (!_logger.IsEnabled(level))
        {
            return;
        }

        _logger.Log(level, "{WireMockMessage}", Format(formatString, args));
    }

    private static string Format(string formatString, object[] args)
    {
        if (args is null || args.Length == 0)
        {
            return formatString;
        }

        try
        {
            return string.Format(CultureInfo.InvariantCulture, formatString, args);
        }
        catch (FormatException)
        {
            // WireMock messages sometimes embed JSON braces; keep the content rather than lose the line.
            return formatString + " " + string.Join(" ", args);
        }
    }
}
