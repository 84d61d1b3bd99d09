using Google.Rpc;
using Grpc.Core;

namespace OffenderRisk.Client;

/// <summary>One field the caller sent and what is wrong with it (google.rpc.BadRequest).</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>A precondition that failed (google.rpc.PreconditionFailure): for a rule refusal, Type is the rule id and Subject the field.</summary>
public sealed record PreconditionViolation(string Type, string Subject, string Description);

/// <summary>
/// A refusal from the gateway or a service, decoded from the google.rpc.Status the suite sends
/// (services/Platform/Errors and the gateway's GrpcStatusResponse): the status code, the
/// ErrorInfo reason and domain, the rule id a rule refusal cites (ErrorInfo metadata
/// <c>rule_id</c>), field violations, precondition failures, the resource, and RetryInfo's delay.
/// Every list and string is bounded, whatever the peer sent.
/// </summary>
public sealed record OffenderRiskError
{
    /// <summary>The domain of refusals the gateway makes itself (rate limits, tokens, an unavailable service); the services' are <c>{service}.offenderrisk</c>.</summary>
    public const string GatewayDomain = "gateway.offenderrisk";

    /// <summary>At most this many field or precondition violations and metadata entries are kept.</summary>
    public const int MaxItems = 100;

    /// <summary>Strings longer than this are cut.</summary>
    public const int MaxStringLength = 1000;

    public required StatusCode Code { get; init; }
    public required string Message { get; init; }

    /// <summary>ErrorInfo's UPPER_SNAKE reason, e.g. RULE_VIOLATION, INVALID_FIELDS, RATE_LIMITED, SERVICE_UNAVAILABLE.</summary>
    public string? Reason { get; init; }

    /// <summary>ErrorInfo's domain: <see cref="GatewayDomain"/> or e.g. <c>nominals.offenderrisk</c>.</summary>
    public string? Domain { get; init; }

    /// <summary>The rulebook rule that refused the call (e.g. R-MA2), from ErrorInfo metadata <c>rule_id</c>.</summary>
    public string? RuleId => Metadata.GetValueOrDefault("rule_id");

    /// <summary>The field a refusal names (ErrorInfo metadata <c>field</c>), if any.</summary>
    public string? Field => Metadata.GetValueOrDefault("field");

    /// <summary>ErrorInfo's metadata (rule_id, field, resource, dependency...).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<FieldViolation> FieldViolations { get; init; } = [];
    public IReadOnlyList<PreconditionViolation> PreconditionViolations { get; init; } = [];

    /// <summary>The resource named by ResourceInfo (e.g. a NOT_FOUND answer).</summary>
    public string? ResourceName { get; init; }

    /// <summary>How long to wait before trying again (google.rpc.RetryInfo), if the refusal says.</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>Whether the gateway refused the call itself, before any service saw it.</summary>
    public bool IsFromGateway => Domain == GatewayDomain;

    /// <summary>Decodes what the exception carries; a status without details gives the code and message only.</summary>
    public static OffenderRiskError From(RpcException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        Google.Rpc.Status? status;
        try
        {
            status = exception.GetRpcStatus();
        }
        catch (Google.Protobuf.InvalidProtocolBufferException)
        {
            status = null; // malformed details: the code and message still stand
        }
        var info = status?.GetDetail<ErrorInfo>();
        var badRequest = status?.GetDetail<BadRequest>();
        var precondition = status?.GetDetail<PreconditionFailure>();
        var retry = status?.GetDetail<RetryInfo>();
        var resource = status?.GetDetail<ResourceInfo>();
        return new OffenderRiskError
        {
            Code = exception.StatusCode,
            Message = Bounded(status?.Message ?? exception.Status.Detail)!,
            Reason = Bounded(info?.Reason),
            Domain = Bounded(info?.Domain),
            Metadata = info is null ? new Dictionary<string, string>() : info.Metadata.Take(MaxItems).ToDictionary(m => Bounded(m.Key)!, m => Bounded(m.Value)!),
            FieldViolations = badRequest?.FieldViolations.Take(MaxItems).Select(v => new FieldViolation(Bounded(v.Field)!, Bounded(v.Description)!)).ToList() ?? [],
            PreconditionViolations = precondition?.Violations.Take(MaxItems).Select(v => new PreconditionViolation(Bounded(v.Type)!, Bounded(v.Subject)!, Bounded(v.Description)!)).ToList() ?? [],
            ResourceName = Bounded(resource?.ResourceName),
            RetryDelay = retry?.RetryDelay is { } delay && delay.Seconds >= 0 && delay.Nanos >= 0 && delay.Seconds < 86_400 ? delay.ToTimeSpan() : null,
        };
    }

    /// <summary>Decodes <paramref name="exception"/> if it is a gRPC refusal.</summary>
    public static bool TryFrom(Exception exception, out OffenderRiskError? error)
    {
        error = exception is RpcException rpc ? From(rpc) : null;
        return error is not null;
    }

    /// <summary>A one-line summary with no request data in it: code, domain, reason and rule id.</summary>
    public override string ToString() =>
        $"{Code}" + (Reason is null ? "" : $" {Domain}/{Reason}") + (RuleId is { } rule ? $" rule {rule}" : "") + (FieldViolations.Count > 0 ? $" ({FieldViolations.Count} field violations)" : "");

    private static string? Bounded(string? value) =>
        value is null || value.Length <= MaxStringLength ? value : value[..MaxStringLength];
}

/// <summary>Decoding from the exception a call throws.</summary>
public static class RpcExceptionExtensions
{
    /// <summary>The refusal's rich details, decoded: <c>catch (RpcException e) { var error = e.ToOffenderRiskError(); ... }</c>.</summary>
    public static OffenderRiskError ToOffenderRiskError(this RpcException exception) => OffenderRiskError.From(exception);
}
