namespace OffenderRisk.Platform.Storage;

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// PostgreSQL connection string. When set, PostgreSQL is used; when empty, SQLite.
    /// </summary>
    public string? Postgres { get; set; }

    /// <summary>Folder for the SQLite files, one per service: <c>{DataDirectory}/{service}.db</c>.
    /// Relative paths are from the content root. Default <c>.data</c>.</summary>
    public string DataDirectory { get; set; } = ".data";
}

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
