namespace OffenderRisk.Platform.Errors;

// Framework-free failures that domain classes throw. The gRPC error interceptor turns each into a
// google.rpc.Status with ErrorInfo (and field violations), so no handler builds statuses by hand.

/// <summary>A field the caller sent, what is wrong with it, and the rule that requires it, if a rule does.</summary>
public sealed record FieldProblem(string Field, string Description, string? RuleId = null);

/// <summary>Base of every failure the error interceptor translates.</summary>
public abstract class DomainException(string message) : Exception(message)
{
    /// <summary>UPPER_SNAKE reason for google.rpc.ErrorInfo.</summary>
    public abstract string Reason { get; }
}

/// <summary>
/// Invalid input: INVALID_ARGUMENT with BadRequest field violations. The message (the status
/// message, and what grpc-dotnet logs) names at most the first five problems and is at most
/// <see cref="MaxMessageLength"/> characters, whatever the request.
/// </summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldProblem> problems)
    : DomainException(Summary(problems))
{
    /// <summary>Longest status message of a validation failure; the details carry every reported problem.</summary>
    public const int MaxMessageLength = 1000;

    private static string Summary(IReadOnlyList<FieldProblem> problems) => Validator.Bounded(
        "The request is invalid: " + string.Join("; ", problems.Take(5).Select(p => $"{p.Field}: {p.Description}"))
        + (problems.Count > 5 ? $"; and {problems.Count - 5} more in the details" : ""), MaxMessageLength);

    public IReadOnlyList<FieldProblem> Problems { get; } = problems;
    public override string Reason => "INVALID_FIELDS";

    /// <summary>One bad field; use a <see cref="Validator"/> to report several at once.</summary>
    public static ValidationFailedException For(string field, string description, string? ruleId = null) =>
        new([new FieldProblem(field, description, ruleId)]);

    /// <summary>The rule behind the first problem a rule causes, if any: cited in the error's metadata.</summary>
    public string? RuleId => Problems.FirstOrDefault(p => p.RuleId is not null)?.RuleId;
}

/// <summary>A rule of the rulebook refused the call: FAILED_PRECONDITION citing the rule.</summary>
public sealed class RuleViolationException(string ruleId, string field, string description)
    : DomainException($"Refused by rule {ruleId}: {description}")
{
    public string RuleId { get; } = ruleId;
    public string Field { get; } = field;
    public string Description { get; } = description;
    public override string Reason => "RULE_VIOLATION";
}

/// <summary>The resource does not exist, or is another force's (which must not be disclosed).</summary>
public sealed class ResourceNotFoundException(string resourceName)
    : DomainException($"{resourceName} was not found.")
{
    public string ResourceName { get; } = resourceName;
    public override string Reason => "RESOURCE_NOT_FOUND";
}

/// <summary>The caller's etag is stale: ABORTED, read again and retry.</summary>
public sealed class EtagMismatchException(string resourceName)
    : DomainException($"{resourceName} has changed since it was read; read it again and retry.")
{
    public string ResourceName { get; } = resourceName;
    public override string Reason => "ETAG_MISMATCH";
}

/// <summary>A request_id was reused for a different request: ALREADY_EXISTS.</summary>
public sealed class RequestIdReusedException(string requestId)
    : DomainException($"request_id {requestId} was already used for a different request.")
{
    public override string Reason => "REQUEST_ID_REUSED";
}

/// <summary>A resource the call would create clashes with one that exists (e.g. a name unique in a force): ALREADY_EXISTS.</summary>
public sealed class ResourceAlreadyExistsException(string reason, string field, string description)
    : DomainException(description)
{
    public string Field { get; } = field;
    public override string Reason { get; } = reason;
}

/// <summary>The state of the resource does not allow the call, outside any one rule.</summary>
public sealed class PreconditionFailedException(string reason, string field, string description)
    : DomainException(description)
{
    public string Field { get; } = field;
    public override string Reason { get; } = reason;
}

/// <summary>An agency or dependency cannot answer now: UNAVAILABLE or DEADLINE_EXCEEDED.</summary>
public sealed class DependencyUnavailableException(string dependency, string description, bool timedOut = false)
    : DomainException(description)
{
    public string Dependency { get; } = dependency;
    public bool TimedOut { get; } = timedOut;
    public override string Reason => TimedOut ? "DEPENDENCY_TIMEOUT" : "DEPENDENCY_UNAVAILABLE";
}
