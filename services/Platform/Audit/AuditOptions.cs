using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace OffenderRisk.Platform.Audit;

/// <summary>Configuration section <c>Audit</c>: how consultation entries are group-committed.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    public const string BenchmarkSkipReadsKey = SectionName + ":" + nameof(BenchmarkSkipReads);

    /// <summary>Most consultation entries appended in one transaction. Default 256.</summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>
    /// Most consultation entries waiting for (or in) a batch; a read beyond it waits for room, so a
    /// slow audit store slows reads instead of filling memory. Default 4,096.
    /// </summary>
    public int MaxQueued { get; set; } = 4096;

    /// <summary>
    /// Development and Testing only: leaves consultation entries out, so that the load benchmark
    /// can measure what the audit costs a read. Refused at start-up anywhere else; a live system
    /// audits every read (R-AU1). Default false.
    /// </summary>
    public bool BenchmarkSkipReads { get; set; }

    /// <summary>The section's settings, or start-up refused when they cannot be honoured here.</summary>
    public static AuditOptions From(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(SectionName).Get<AuditOptions>() ?? new AuditOptions();
        if (options.BenchmarkSkipReads && !environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException($"{BenchmarkSkipReadsKey} is honoured only in the Development and Testing environments.");
        }
        if (options.MaxBatch < 1 || options.MaxQueued < options.MaxBatch)
        {
            throw new InvalidOperationException($"{SectionName}:MaxBatch must be at least 1 and {SectionName}:MaxQueued at least MaxBatch.");
        }
        return options;
    }
}
