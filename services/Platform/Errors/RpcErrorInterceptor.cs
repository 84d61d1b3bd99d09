using System.Data.Common;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OffenderRisk.ServiceDefaults;

namespace OffenderRisk.Platform.Errors;

/// <summary>
/// The one place where failures become gRPC statuses: domain failures become google.rpc.Status
/// with ErrorInfo (domain = this service) and details; anything unexpected becomes INTERNAL with
/// no stack trace and no request content (which may be personal data).
/// </summary>
public sealed partial class RpcErrorInterceptor(IOptions<ServiceIdentity> identity, ILogger<RpcErrorInterceptor> logger) : Interceptor
{
    private string Domain => identity.Value.ErrorDomain;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Translate(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Translate(e, context);
        }
    }

    private RpcException Translate(Exception e, ServerCallContext context)
    {
        switch (e)
        {
            case DomainException domain:
                return RpcErrors.From(domain, Domain);
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled or its deadline passed."));
            case DbException db when IsTransient(db):
                LogStorageBusy(logger, context.Method);
                return RpcErrors.Build(Code.Unavailable, "Storage is busy; retry shortly.", Domain, "STORAGE_BUSY");
            case var _ when StorageUnavailable(e) is { } cause:
                LogStorageUnavailable(logger, cause.GetType().FullName, context.Method);
                return RpcErrors.Build(Code.Unavailable, "Storage is unavailable; retry later.", Domain, "STORAGE_UNAVAILABLE");
            default:
                // Only the exception type and method are logged: messages may quote personal data.
                LogUnexpected(logger, e.GetType().FullName, context.Method);
                return RpcErrors.Build(Code.Internal, "An internal error occurred. Quote the trace id to support.", Domain, "INTERNAL");
        }
    }

    private static bool IsTransient(DbException e) =>
        e.IsTransient
        || e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }; // SQLITE_BUSY, SQLITE_LOCKED

    /// <summary>
    /// The failure (or one it wraps) that says storage cannot be reached or cannot work now, rather
    /// than that the call is wrong: connection refused or lost, the database missing or shutting
    /// down, out of resources, a disk or file error. Such a call may succeed on retry or on another
    /// replica, so it is UNAVAILABLE, not INTERNAL.
    /// </summary>
    public static Exception? StorageUnavailable(Exception? e)
    {
        for (var depth = 0; e is not null && depth < 8; e = e.InnerException, depth++)
        {
            switch (e)
            {
                case Npgsql.PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
                    || pg.SqlState.StartsWith("53", StringComparison.Ordinal) // insufficient resources
                    || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) // shutting down, cannot connect now
                    || pg.SqlState.StartsWith("58", StringComparison.Ordinal) // system (I/O) error
                    || pg.SqlState == "3D000" // the database does not exist
                    || pg.SqlState == "25006": // read-only transaction (a standby)
                    return e;
                case Npgsql.PostgresException:
                    return null; // the server answered: the statement or the data is at fault
                case Npgsql.NpgsqlException: // no answer from the server: connecting, reading, a pool timeout
                case Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 8 or 10 or 13 or 14 }: // READONLY, IOERR, FULL, CANTOPEN
                case System.Net.Sockets.SocketException:
                    return e;
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable ({ExceptionType}) in {Method}")]
    private static partial void LogStorageUnavailable(ILogger logger, string? exceptionType, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected {ExceptionType} in {Method}")]
    private static partial void LogUnexpected(ILogger logger, string? exceptionType, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage busy in {Method}")]
    private static partial void LogStorageBusy(ILogger logger, string method);
}

/// <summary>Builds google.rpc.Status based RpcExceptions.</summary>
public static class RpcErrors
{
    public static RpcException From(DomainException e, string domain)
    {
        switch (e)
        {
            case ValidationFailedException v:
                {
                    // A problem a rule causes cites it, as a rule refusal does: in the violation
                    // ("R-ID4: is required") and, for the first such rule, in the metadata.
                    var bad = new BadRequest();
                    // Bounded here too, for problems not collected by a Validator.
                    bad.FieldViolations.AddRange(v.Problems.Take(Validator.MaxReportedProblems + 1).Select(p => new BadRequest.Types.FieldViolation
                    {
                        Field = Validator.Bounded(p.Field, Validator.MaxFieldPathLength),
                        Description = Validator.Bounded(p.RuleId is null ? p.Description : $"{p.RuleId}: {p.Description}", Validator.MaxDescriptionLength),
                    }));
                    var cited = v.RuleId is { } rule ? new Dictionary<string, string> { ["rule_id"] = rule } : null;
                    return Build(Code.InvalidArgument, v.Message, domain, v.Reason, cited, bad);
                }
            case RuleViolationException r:
                {
                    var bad = new BadRequest();
                    bad.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = r.Field, Description = $"{r.RuleId}: {r.Description}" });
                    var failure = new PreconditionFailure();
                    failure.Violations.Add(new PreconditionFailure.Types.Violation { Type = r.RuleId, Subject = r.Field, Description = r.Description });
                    return Build(Code.FailedPrecondition, r.Message, domain, r.Reason,
                        new Dictionary<string, string> { ["rule_id"] = r.RuleId, ["field"] = r.Field }, bad, failure);
                }
            case ResourceNotFoundException n:
                return Build(Code.NotFound, n.Message, domain, n.Reason, new Dictionary<string, string> { ["resource"] = n.ResourceName },
                    new ResourceInfo { ResourceName = n.ResourceName, Description = "not found" });
            case EtagMismatchException m:
                return Build(Code.Aborted, m.Message, domain, m.Reason, new Dictionary<string, string> { ["resource"] = m.ResourceName });
            case RequestIdReusedException:
                return Build(Code.AlreadyExists, e.Message, domain, e.Reason, details: new BadRequest
                {
                    FieldViolations = { new BadRequest.Types.FieldViolation { Field = "request_id", Description = "was used for a different request" } },
                });
            case ResourceAlreadyExistsException a:
                return Build(Code.AlreadyExists, a.Message, domain, a.Reason, new Dictionary<string, string> { ["field"] = a.Field }, new BadRequest
                {
                    FieldViolations = { new BadRequest.Types.FieldViolation { Field = a.Field, Description = a.Message } },
                });
            case PreconditionFailedException p:
                return Build(Code.FailedPrecondition, p.Message, domain, p.Reason, new Dictionary<string, string> { ["field"] = p.Field });
            case DependencyUnavailableException d:
                return Build(d.TimedOut ? Code.DeadlineExceeded : Code.Unavailable, d.Message, domain, d.Reason,
                    new Dictionary<string, string> { ["dependency"] = d.Dependency });
            default:
                return Build(Code.Internal, "An internal error occurred.", domain, "INTERNAL");
        }
    }

    public static RpcException Build(Code code, string message, string domain, string reason,
        IDictionary<string, string>? metadata = null, params Google.Protobuf.IMessage[] details)
    {
        var info = new ErrorInfo { Reason = reason, Domain = domain };
        if (metadata is not null)
        {
            info.Metadata.Add(metadata);
        }
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(info));
        foreach (var detail in details)
        {
            status.Details.Add(Any.Pack(detail));
        }
        return status.ToRpcException();
    }
}
