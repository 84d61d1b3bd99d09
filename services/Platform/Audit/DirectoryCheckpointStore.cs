using System.Globalization;
using System.Text.Json;

namespace OffenderRisk.Platform.Audit;

/// <summary>
/// Checkpoints as files in <c>Audit:Checkpoints:Directory</c>/&lt;service&gt;, one JSON file each, named
/// by the zero-padded sequence so that the last in name order is the latest. A file is written under
/// a temporary name and then moved to its own new name (never over another), and made read-only:
/// the directory only grows. Give it a volume the database's users cannot write (README "Audit").
/// </summary>
public sealed class DirectoryCheckpointStore(string directory) : IAuditCheckpointStore
{
    private const string Extension = ".checkpoint.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string Directory { get; } = directory;

    public async Task AppendAsync(AuditCheckpoint checkpoint, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{checkpoint.Sequence:D20}-{checkpoint.CreateTime.UtcTicks:D20}-{Guid.NewGuid():N}");
        var temporary = Path.Combine(Directory, name + ".tmp");
        await File.WriteAllBytesAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(checkpoint, Json), ct);
        File.Move(temporary, Path.Combine(Directory, name + Extension), overwrite: false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(Directory, name + Extension), UnixFileMode.UserRead | UnixFileMode.GroupRead);
        }
    }

    public async Task<AuditCheckpoint?> LatestAsync(CancellationToken ct)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return null;
        }
        var latest = System.IO.Directory.EnumerateFiles(Directory, "*" + Extension).Max(StringComparer.Ordinal);
        if (latest is null)
        {
            return null;
        }
        await using var file = File.OpenRead(latest);
        return await JsonSerializer.DeserializeAsync<AuditCheckpoint>(file, Json, ct)
            ?? throw new InvalidDataException("An audit checkpoint file is empty.");
    }
}
