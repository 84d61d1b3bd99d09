using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace OffenderRisk.Platform.Audit;

/// <summary>Configuration section <c>Audit:Checkpoints</c>: where and how often the chain's head is checkpointed (R-AU2).</summary>
public sealed class AuditCheckpointOptions
{
    public const string SectionName = AuditOptions.SectionName + ":Checkpoints";

    /// <summary>
    /// The folder that holds each service's checkpoints (in a sub-folder named for the service), on
    /// storage the database's users cannot write. Required outside Development and Testing, which
    /// default to <c>audit-checkpoints</c> beside the SQLite files (<c>Storage:DataDirectory</c>).
    /// </summary>
    public string Directory { get; set; } = "";

    /// <summary>How often the head is checkpointed (when it has moved). Default 5 minutes; at least 1 second.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The section's settings with the directory resolved, or start-up refused when they cannot be honoured here.</summary>
    public static AuditCheckpointOptions From(IConfiguration configuration, IHostEnvironment environment, string serviceName)
    {
        var options = configuration.GetSection(SectionName).Get<AuditCheckpointOptions>() ?? new AuditCheckpointOptions();
        if (options.Interval < TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException($"{SectionName}:Interval must be at least one second.");
        }
        var directory = options.Directory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
            {
                throw new InvalidOperationException(
                    $"{SectionName}:Directory must be set: the audit chain's head is checkpointed outside the database (R-AU2).");
            }
            directory = Path.Combine(configuration["Storage:DataDirectory"] is { Length: > 0 } data ? data : ".data", "audit-checkpoints");
        }
        options.Directory = Path.Combine(Path.GetFullPath(directory, environment.ContentRootPath), serviceName);
        return options;
    }
}
