using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OffenderRisk.Platform.Errors;
using OffenderRisk.ServiceDefaults;

namespace OffenderRisk.Platform.Endpoints;

/// <summary>
/// Every RPC also as JSON over HTTP: gRPC JSON transcoding of the <c>google.api.http</c> rules in
/// the contracts (AIP-127 paths, e.g. <c>GET /v1/nominals/{id}</c>). A transcoded call runs the
/// same handler behind the same authentication, authorization, interceptors and audit as a gRPC
/// call; what differs is how the request is read, so the request bounds of
/// <see cref="BoundedRequests"/> are applied here too: the body is limited
/// (<see cref="RequestLimits.MaxJsonBytes"/>, refused before it is read when its length says so)
/// and the parsed request passes <see cref="RequestShape"/> before any other interceptor or the
/// handler sees it. Errors are google.rpc.Status as JSON with the same rich details
/// (ErrorInfo, BadRequest, PreconditionFailure, ResourceInfo) a gRPC caller decodes.
/// </summary>
public static class JsonOverHttp
{
    /// <summary>Adds transcoding, with the error detail types, to a service's gRPC registration.</summary>
    public static IGrpcServerBuilder AddJsonOverHttp(this IGrpcServerBuilder grpc)
    {
        grpc.AddJsonTranscoding(o => o.TypeRegistry = RpcStatusJson.Details);
        return grpc;
    }

    /// <summary>
    /// Bounds a transcoded request's body before the transcoder reads it: a declared length over
    /// the limit is RESOURCE_EXHAUSTED (HTTP 413) at once; an undeclared one (chunked) is cut off
    /// by Kestrel at the limit, which the transcoder answers INVALID_ARGUMENT (HTTP 400).
    /// </summary>
    public static WebApplication UseJsonRequestLimits(this WebApplication app)
    {
        var limits = app.Services.GetRequiredService<RequestLimits>();
        var domain = app.Services.GetRequiredService<IOptions<ServiceIdentity>>().Value.ErrorDomain;
        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is null)
            {
                return next(context);
            }
            if (context.Request.ContentLength > limits.MaxJsonBytes)
            {
                return WriteStatusAsync(context, StatusCodes.Status413PayloadTooLarge, RpcErrors.Build(Code.ResourceExhausted,
                    $"The request body is larger than {limits.MaxJsonBytes} bytes.", domain, "REQUEST_TOO_LARGE"));
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limits.MaxJsonBytes;
            }
            return next(context);
        });
        return app;
    }

    /// <summary>Writes an error built by <see cref="RpcErrors"/> as the transcoder writes one: google.rpc.Status JSON.</summary>
    private static Task WriteStatusAsync(HttpContext context, int httpStatus, RpcException error)
    {
        var status = error.GetRpcStatus() ?? new Google.Rpc.Status { Code = (int)error.StatusCode, Message = error.Status.Detail };
        context.Response.StatusCode = httpStatus;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(RpcStatusJson.Format(status), context.RequestAborted);
    }
}

/// <summary>
/// <see cref="RequestShape"/> for a transcoded (JSON) request, which is not read through the
/// checked protobuf marshaller of <see cref="BoundedRequests"/>: the same normalisation and the
/// same limits, before any other interceptor or the handler. A gRPC request passed the marshaller
/// already and is not checked twice.
/// </summary>
public sealed class TranscodedRequestShapeInterceptor(RequestLimits limits, IOptions<ServiceIdentity> identity) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(request, context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(request, context);
        return continuation(request, responseStream, context);
    }

    private void Check(object request, ServerCallContext context)
    {
        if (request is not IMessage message
            || context.GetHttpContext().GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>() is null)
        {
            return;
        }
        try
        {
            RequestShape.Check(message, limits);
        }
        catch (ValidationFailedException e)
        {
            throw RpcErrors.From(e, identity.Value.ErrorDomain);
        }
    }
}
