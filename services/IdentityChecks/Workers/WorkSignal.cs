namespace OffenderRisk.IdentityChecks.Workers;

/// <summary>
/// Wakes a background worker when new work is committed, so that a delivery starts at once
/// instead of at the next poll. Polling still runs, so a lost signal only delays work.
/// </summary>
public sealed class WorkSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public void Dispose() => _signal.Dispose();

    /// <summary>Waits for a signal or the timeout, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutSource.Token);
        try
        {
            await _signal.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }
    }
}

/// <summary>The outbox worker's signal.</summary>
public sealed class OutboxSignal : IDisposable
{
    public WorkSignal Signal { get; } = new();

    public void Dispose() => Signal.Dispose();
}

/// <summary>The scheduler's signal.</summary>
public sealed class SchedulerSignal : IDisposable
{
    public WorkSignal Signal { get; } = new();

    public void Dispose() => Signal.Dispose();
}
