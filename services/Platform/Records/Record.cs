namespace OffenderRisk.Platform.Records;

/// <summary>A stored record that one force owns: the caller sees it only from that force.</summary>
public interface IForceOwned
{
    string ResourceName { get; }

    string ForceCode { get; }
}

/// <summary>A record about a nominal (an assessment, a marker request...), owned by the force that made it.</summary>
public interface INominalRecord : IForceOwned
{
    string Id { get; }

    string NominalId { get; }
}

/// <summary>A record changed under optimistic concurrency: its version is its etag (AIP-154).</summary>
public interface IVersioned<out T> : IForceOwned
{
    long Version { get; }

    /// <summary>This record as written at <paramref name="version"/> and <paramref name="time"/>.</summary>
    T Stamped(long version, DateTimeOffset time);
}

/// <summary>Finds a record by id inside a unit of work.</summary>
public interface IRecordReader<T> where T : class
{
    Task<T?> FindAsync(Storage.Session session, string id);
}

/// <summary>Finds a record and writes it back if its stored version is still the expected one.</summary>
public interface IRecordStore<T> : IRecordReader<T> where T : class
{
    Task<bool> UpdateAsync(Storage.Session session, T updated, long expectedVersion);
}

/// <summary>A list request's paging fields (AIP-158).</summary>
public readonly record struct PageRequest(int PageSize, string PageToken, int DefaultSize = 50, int MaxSize = 200);

/// <summary>One page of a list RPC: the items and the token of the next page (empty on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string NextPageToken);
