using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OffenderRisk.Platform.Storage;

namespace OffenderRisk.Platform.Audit;

/// <summary>
/// Group commit of consultation entries (R-AU1): a read runs in its own snapshot and then hands its
/// entry here; one writer per process appends every entry waiting at that moment (up to
/// <see cref="AuditOptions.MaxBatch"/>) with <see cref="AuditWriter"/> in ONE write transaction,
/// so a batch costs one claim on the chain's head and one commit however many reads it holds.
/// Each caller's answer leaves only once its batch has committed (the entry is durable first);
/// a failed batch fails every call in it. Writes keep appending inside their own transaction, so
/// reads and writes share the one chain; across replicas the head row stays the serialisation point.
/// </summary>
/// <remarks>
/// There is no timer and no idle thread: the first entry to arrive while no batch is being written
/// starts the writer, which drains the queue batch after batch and stops when it is empty. While
/// a batch commits, the next one gathers, so the batch grows with the load by itself.
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification =
    "The semaphore holds no handle unless its AvailableWaitHandle is used, which this class never does; disposing it under a batch still being written would fail that batch.")]
public sealed partial class ConsultationAppender(Database database, AuditWriter writer, AuditOptions options, ILogger<ConsultationAppender>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<ConsultationAppender>.Instance;
    private readonly Lock _gate = new();
    private readonly Queue<Waiting> _queue = new();
    private readonly SemaphoreSlim _room = new(options.MaxQueued, options.MaxQueued);
    private bool _writing;

    /// <summary>
    /// Appends the consultation and returns once it is committed; throws what the batch's write
    /// threw. <paramref name="ct"/> covers only the wait for room in the queue: once queued, the
    /// entry is written whatever becomes of the call.
    /// </summary>
    public async Task AppendAsync(AuditActor actor, AuditEvent consulted, CancellationToken ct)
    {
        if (options.BenchmarkSkipReads)
        {
            return;
        }
        await _room.WaitAsync(ct);
        var waiting = new Waiting(new AuditedAction(actor, consulted));
        bool startWriter;
        lock (_gate)
        {
            _queue.Enqueue(waiting);
            startWriter = !_writing;
            _writing = true;
        }
        if (startWriter)
        {
            // The writer serves every caller, so it does not run in (nor trace as part of) this one's context.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(WriteWhileWaitingAsync, CancellationToken.None);
            }
        }
        await waiting.Committed.Task;
    }

    private async Task WriteWhileWaitingAsync()
    {
        while (NextBatch() is { } batch)
        {
            try
            {
                await database.InTransactionAsync(s => writer.AppendAsync(s, batch.Select(w => w.Entry).ToList()), CancellationToken.None);
                foreach (var w in batch)
                {
                    w.Committed.TrySetResult();
                }
            }
            catch (Exception e)
            {
                // Only the type and count: messages may quote what was read.
                LogBatchFailed(_logger, e.GetType().FullName, batch.Count);
                foreach (var w in batch)
                {
                    w.Committed.TrySetException(e);
                }
            }
            finally
            {
                _room.Release(batch.Count);
            }
        }
    }

    /// <summary>The entries waiting now, up to a batch; null (and the writer stops) when none are.</summary>
    private List<Waiting>? NextBatch()
    {
        lock (_gate)
        {
            if (_queue.Count == 0)
            {
                _writing = false;
                return null;
            }
            var batch = new List<Waiting>(Math.Min(_queue.Count, options.MaxBatch));
            while (batch.Count < options.MaxBatch && _queue.TryDequeue(out var w))
            {
                batch.Add(w);
            }
            return batch;
        }
    }

    private sealed record Waiting(AuditedAction Entry)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending a batch of {Count} consultation entries failed with {ExceptionType}")]
    private static partial void LogBatchFailed(ILogger logger, string? exceptionType, int count);
}
