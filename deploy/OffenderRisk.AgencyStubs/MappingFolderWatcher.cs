using System.Text.Json;
using WireMock.Logging;
using WireMock.Server;

namespace OffenderRisk.AgencyStubs;

/// <summary>
/// Keeps a server's mappings in step with its mapping folder. Replaces WireMock.Net's own watcher, which treats
/// a second change within a second as a duplicate: an editor's truncate-then-write save then loads the empty file
/// and drops the real edit. Here every burst of file events triggers one re-read of the whole folder once the
/// folder has been quiet for <see cref="QuietPeriod"/>.
/// </summary>
internal sealed class MappingFolderWatcher : IDisposable
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(300);

    private readonly FileSystemWatcher _watcher;
    private readonly Timer _debounce;

    public MappingFolderWatcher(string folder, Action reload)
    {
        _debounce = new Timer(_ => reload(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(folder, "*.json")
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Created += OnChanged;
        _watcher.Changed += OnChanged;
        _watcher.Deleted += OnChanged;
        _watcher.Renamed += OnChanged;
        // A buffer overflow loses events; a full re-read recovers from it.
        _watcher.Error += (_, _) => ScheduleReload();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>
    /// Re-reads every mapping file of <paramref name="folder"/> (mappings are replaced by Guid, so scenario states
    /// survive) and removes mappings whose Guid no longer appears in any file. A file that cannot be parsed keeps
    /// its previous mappings, so a half-saved file never empties the stub.
    /// </summary>
    public static void Reload(WireMockServer server, string folder, IWireMockLogger logger)
    {
        var before = server.Mappings.Where(m => IsFrom(folder, m.Path)).Select(m => (m.Guid, Path: Path.GetFullPath(m.Path!))).ToList();
        server.ReadStaticMappings(folder);

        var declared = new HashSet<Guid>();
        var unreadable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            if (!TryCollectGuids(file, declared))
            {
                unreadable.Add(Path.GetFullPath(file));
            }
        }

        var removed = before.Count(m => !declared.Contains(m.Guid) && !unreadable.Contains(m.Path) && server.DeleteMapping(m.Guid));

        logger.Info("Reloaded mapping folder '{0}': {1} mappings, {2} removed.", folder, server.Mappings.Count(m => IsFrom(folder, m.Path)), removed);
        foreach (var file in unreadable)
        {
            logger.Error("Mapping file '{0}' is not valid JSON; its previous mappings stay in force until it is fixed.", file);
        }
    }

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
        _debounce.Dispose();
    }

    private void OnChanged(object sender, FileSystemEventArgs e) => ScheduleReload();

    private void ScheduleReload()
    {
        try
        {
            _debounce.Change(QuietPeriod, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Stopping: nothing left to reload.
        }
    }

    private static bool IsFrom(string folder, string? mappingPath) =>
        mappingPath is not null
        && string.Equals(Path.GetDirectoryName(Path.GetFullPath(mappingPath)), folder, StringComparison.Ordinal);

    // Collects the explicit "Guid" values of a file holding one mapping object or an array of them.
    private static bool TryCollectGuids(string file, HashSet<Guid> guids)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var root = document.RootElement;
            var mappings = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            foreach (var mapping in mappings)
            {
                if (mapping.ValueKind == JsonValueKind.Object
                    && mapping.TryGetProperty("Guid", out var guid)
                    && Guid.TryParse(guid.GetString(), out var parsed))
                {
                    guids.Add(parsed);
                }
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException)
        {
            return false;
        }
    }
}
