using Grpc.Core;
using OffenderRisk.Platform.Audit;
using OffenderRisk.ServiceDefaults.Security;

namespace OffenderRisk.Platform.Calls;

/// <summary>
/// Who is calling and on whose behalf the audit log records it, with the call's cancellation:
/// resolved once per call (<see cref="CallScopes.Scope"/>) and passed down instead of gRPC types.
/// </summary>
public sealed record CallScope(Caller Caller, AuditActor Actor, CancellationToken CancellationToken)
{
    /// <summary>The caller's force: what every record the caller may see belongs to.</summary>
    public string Force => Caller.Force;

    public string UserId => Caller.UserId;

    public bool IsInRole(string role) => Caller.IsInRole(role);

    /// <summary>A background worker acting for the service (an outbox, a scheduler).</summary>
    public static CallScope ForSystem(AuditActor actor, CancellationToken ct) =>
        new(new Caller(actor.UserId, actor.Force, actor.Roles), actor, ct);
}

public static class CallScopes
{
    /// <summary>The request header a caller uses to give a justification (R-AU1).</summary>
    public const string JustificationHeader = "offenderrisk-justification";

    private static readonly object Key = new();

    /// <summary>The call's scope, resolved from the validated token on first use and kept for the call.</summary>
    public static CallScope Scope(this ServerCallContext context)
    {
        var items = context.GetHttpContext().Items;
        if (items.TryGetValue(Key, out var existing) && existing is CallScope scope)
        {
            return scope;
        }
        var caller = Caller.From(context);
        scope = new CallScope(caller, AuditActor.For(caller, context.Method, context.RequestHeaders.GetValue(JustificationHeader)), context.CancellationToken);
        items[Key] = scope;
        return scope;
    }
}
