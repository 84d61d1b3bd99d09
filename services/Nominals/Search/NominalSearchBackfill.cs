namespace OffenderRisk.Nominals.Search;

/// <summary>
/// Indexes, after start-up, the nominals that have no search keys: those written before the
/// search index existed. SQL cannot compute the keys (they are phonetic codes), so a migration
/// cannot fill the table. Runs once, in the background, after the schema migrations
/// (which run before any hosted service starts); searches meanwhile just miss those nominals.
/// </summary>
public sealed partial class NominalSearchBackfill(Database database, NominalSearchIndex index, ILogger<NominalSearchBackfill> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var indexed = await index.BackfillAsync(database, stoppingToken);
            if (indexed > 0)
            {
                LogIndexed(logger, indexed);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed backfill must not stop the service (the default for a faulted
            // BackgroundService): searches only miss the unindexed nominals, and the next start
            // tries again. Only the type is logged: messages may quote stored values.
            LogFailed(logger, e.GetType().FullName);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index: indexed {Count} nominals that had no keys")]
    private static partial void LogIndexed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Search index backfill failed with {ExceptionType}; it resumes at the next start")]
    private static partial void LogFailed(ILogger logger, string? exceptionType);
}

public static class NominalSearchRegistration
{
    /// <summary>The search index (also an erasure participant) and its start-up backfill.</summary>
    public static IServiceCollection AddNominalSearch(this IServiceCollection services)
    {
        services.AddSingleton<NominalSearchIndex>();
        services.AddSingleton<IErasureParticipant>(sp => sp.GetRequiredService<NominalSearchIndex>());
        services.AddHostedService<NominalSearchBackfill>();
        return services;
    }
}
