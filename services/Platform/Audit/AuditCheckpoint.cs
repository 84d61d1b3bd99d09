using System.Globalization;
using System.Text.Json;

namespace OffenderRisk.Platform.Audit;

/// <summary>
/// The head of one service's audit chain as it was verified at one moment (R-AU2), kept outside the
/// service's database (<see cref="IAuditCheckpointStore"/>) and sealed with the audit key, so that
/// whoever can write the database can neither cut the log back below it nor rewrite what it
/// covers. <see cref="LegacyThrough"/> is the last entry written before the keys (keyless SHA-256),
/// fixed by the first checkpoint and carried forward by every later one.
/// </summary>
public sealed record AuditCheckpoint(
    string Log, long Sequence, string Hash, long LegacyThrough, DateTimeOffset CreateTime, string KeyId, string Seal = "")
{
    /// <summary>The HMAC over every field but the seal, under <see cref="KeyId"/>.</summary>
    public string ComputeSeal(AuditKeyRing keys) =>
        keys.Seal(KeyId, JsonSerializer.Serialize(new object[]
        {
            "offenderrisk-audit-checkpoint", Log, Sequence, Hash, LegacyThrough,
            CreateTime.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), KeyId,
        }));

    /// <summary>Why this checkpoint cannot be trusted, or null when its seal holds.</summary>
    public string? SealProblem(AuditKeyRing keys, string log)
    {
        if (!keys.Holds(KeyId))
        {
            return $"the last checkpoint is sealed with key '{KeyId}', which is not configured";
        }
        if (!string.Equals(ComputeSeal(keys), Seal, StringComparison.Ordinal))
        {
            return "the last checkpoint's seal does not match its content";
        }
        return Log == log ? null : "the last checkpoint is of another service's log";
    }
}

/// <summary>
/// Where checkpoints are kept: somewhere the service's database, and whoever can rewrite it, cannot
/// rewrite. Append-only: a checkpoint once written is never replaced. A directory of files
/// (<see cref="DirectoryCheckpointStore"/>) is the one shipped; an object store with retention
/// (write once, read many) fits the same two calls.
/// </summary>
public interface IAuditCheckpointStore
{
    /// <summary>Adds <paramref name="checkpoint"/>; never replaces one.</summary>
    Task AppendAsync(AuditCheckpoint checkpoint, CancellationToken ct);

    /// <summary>The checkpoint of the highest sequence, or null when there is none.</summary>
    Task<AuditCheckpoint?> LatestAsync(CancellationToken ct);
}
