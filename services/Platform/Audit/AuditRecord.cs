using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OffenderRisk.Contracts.Audit.V1;
using OffenderRisk.Platform.Storage;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Platform.Audit;

/// <summary>Who did it and in which request: from the RPC, or a named system actor for workers.</summary>
public sealed record AuditActor(string UserId, string Force, IReadOnlyList<string> Roles, string RpcMethod, string Justification, string TraceId)
{
    /// <summary>The caller of an RPC with the justification it gave (at most 1,000 characters are kept).</summary>
    public static AuditActor For(Caller caller, string rpcMethod, string? justification)
    {
        justification ??= "";
        return new AuditActor(caller.UserId, caller.Force, caller.Roles, rpcMethod,
            justification.Length > 1000 ? justification[..1000] : justification, CurrentTraceId());
    }

    /// <summary>A background worker acting for the service, e.g. an outbox delivering a marker.</summary>
    public static AuditActor System(string worker, string force, string operation) =>
        new("system:" + worker, force, [ServiceDefaults.Security.Roles.Service], operation, "", CurrentTraceId());

    private static string CurrentTraceId() => Activity.Current?.TraceId.ToHexString() ?? "";
}

/// <summary>What was done to which record.</summary>
public sealed record AuditEvent(AuditOperation Operation, string Subject, string SubjectForce, IReadOnlyList<string>? Recipients = null);

/// <summary>
/// A stored entry, and the sealing that chains entries together (R-AU2): each entry's hash is an
/// HMAC-SHA256, under the key named by <see cref="KeyId"/>, over its fields and its predecessor's
/// hash. Entries from before the keys (<see cref="KeyId"/> empty) carry the keyless SHA-256 they
/// were written with (<see cref="ComputeLegacyHash"/>).
/// </summary>
public sealed record AuditRow
{
    public long Sequence { get; init; }
    public long Operation { get; init; }
    public string RpcMethod { get; init; } = "";
    public string Actor { get; init; } = "";
    public string ActorForce { get; init; } = "";
    public string ActorRoles { get; init; } = "[]";
    public string OccurTime { get; init; } = "";
    public string Subject { get; init; } = "";
    public string SubjectForce { get; init; } = "";
    public string Justification { get; init; } = "";
    public string Recipients { get; init; } = "[]";
    public string TraceId { get; init; } = "";
    public string PreviousHash { get; init; } = "";
    public string Hash { get; init; } = "";

    /// <summary>The key that sealed this entry; empty for an entry written before the keys.</summary>
    public string KeyId { get; init; } = "";

    /// <summary>The columns of an entry, named for this record's properties.</summary>
    public const string SelectColumns =
        "sequence, operation, rpc_method, actor, actor_force, actor_roles, occur_time, subject, subject_force, justification, recipients, trace_id, previous_hash, hash, key_id";

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The HMAC of every field but the hash itself (the key id included), under <see cref="KeyId"/>, which <paramref name="keys"/> must hold.</summary>
    public string ComputeSeal(AuditKeyRing keys) =>
        keys.Seal(KeyId, JsonSerializer.Serialize(new object[]
        {
            KeyId, Sequence, Operation, RpcMethod, Actor, ActorForce, ActorRoles, OccurTime, Subject,
            SubjectForce, Justification, Recipients, TraceId, PreviousHash,
        }));

    /// <summary>
    /// The keyless SHA-256 every entry carried before the keys (a JSON array of its fields:
    /// unambiguous and stable). Anyone can compute it, so it is trusted only below the legacy
    /// boundary a checkpoint records (<see cref="AuditChainVerifier"/>).
    /// </summary>
    public string ComputeLegacyHash()
    {
        var canonical = JsonSerializer.Serialize(new object[]
        {
            Sequence, Operation, RpcMethod, Actor, ActorForce, ActorRoles, OccurTime, Subject,
            SubjectForce, Justification, Recipients, TraceId, PreviousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public AuditEntry ToContract() => new()
    {
        Sequence = Sequence,
        Operation = (AuditOperation)Operation,
        RpcMethod = RpcMethod,
        Actor = Actor,
        ActorForce = ActorForce,
        ActorRoles = { JsonSerializer.Deserialize<string[]>(ActorRoles) ?? [] },
        OccurTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(StoredTime.Parse(OccurTime)),
        Subject = Subject,
        SubjectForce = SubjectForce,
        Justification = Justification,
        Recipients = { JsonSerializer.Deserialize<string[]>(Recipients) ?? [] },
        TraceId = TraceId,
        PreviousHash = PreviousHash,
        Hash = Hash,
        KeyId = KeyId,
    };
}
