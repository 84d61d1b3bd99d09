using System.Reflection;
using Google.Protobuf;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OffenderRisk.ServiceDefaults;

namespace OffenderRisk.Platform.Errors;

/// <summary>
/// Every request of every gRPC service is parsed through here: a body that is not a valid message
/// is INVALID_ARGUMENT (MALFORMED_REQUEST), not the UNKNOWN grpc-dotnet gives a deserializer's
/// exception, and a parsed message passes <see cref="RequestShape"/> (INVALID_ARGUMENT,
/// INVALID_FIELDS) before any interceptor or handler sees it. The message size limit applies
/// before parsing (RESOURCE_EXHAUSTED, grpc-dotnet's own check).
/// </summary>
public static class BoundedRequests
{
    /// <summary>Reads <see cref="RequestLimits"/>, applies the message size limit and binds every service's methods through the checked parser.</summary>
    public static IServiceCollection AddBoundedRequests(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RequestLimits.SectionName).Get<RequestLimits>() ?? new RequestLimits();
        if (limits.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        services.AddSingleton(limits);
        services.PostConfigure<GrpcServiceOptions>(o =>
        {
            o.MaxReceiveMessageSize = limits.MaxMessageBytes;
            // A compressed message is limited before it is inflated, so a small gzip body could
            // inflate far past MaxMessageBytes; callers of this suite never compress requests.
            o.CompressionProviders = [];
        });
        // Replaces grpc-dotnet's binder (which would map every method a second time).
        services.RemoveAll(d => d.ServiceType == typeof(IServiceMethodProvider<>) && d.ImplementationType?.Name.StartsWith("BinderServiceMethodProvider", StringComparison.Ordinal) == true);
        services.AddSingleton(typeof(IServiceMethodProvider<>), typeof(CheckedServiceMethodProvider<>));
        return services;
    }

    private static void RemoveAll(this IServiceCollection services, Func<ServiceDescriptor, bool> match)
    {
        foreach (var descriptor in services.Where(match).ToList())
        {
            services.Remove(descriptor);
        }
    }

    /// <summary>The request marshaller of a method, with parse failures and the shape check turned into statuses.</summary>
    public static Marshaller<T> Checked<T>(Marshaller<T> inner, RequestLimits limits, string domain) where T : class =>
        new(inner.ContextualSerializer, context =>
        {
            T request;
            try
            {
                request = inner.ContextualDeserializer(context);
            }
            catch (InvalidProtocolBufferException)
            {
                throw RpcErrors.Build(Code.InvalidArgument, "The request body is not a valid message of this method.", domain, "MALFORMED_REQUEST");
            }
            if (request is IMessage message)
            {
                try
                {
                    RequestShape.Check(message, limits);
                }
                catch (ValidationFailedException e)
                {
                    throw RpcErrors.From(e, domain);
                }
            }
            return request;
        });
}

/// <summary>
/// Binds a generated service's methods as grpc-dotnet's own binder does (the generated
/// <c>BindService</c>, the overriding methods of the implementation, its attributes as endpoint
/// metadata), with each request marshaller wrapped by <see cref="BoundedRequests.Checked{T}"/>.
/// </summary>
internal sealed class CheckedServiceMethodProvider<TService>(RequestLimits limits, IOptions<ServiceIdentity> identity, IServiceProvider provider)
    : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        if (provider.GetServices<IServiceMethodProvider<TService>>().Any(p => p.GetType().Name.StartsWith("BinderServiceMethodProvider", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException(
                "grpc-dotnet's binder was registered again after AddBoundedRequests (a later AddGrpc call?): configure GrpcServiceOptions instead.");
        }
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } bind)
            {
                var bindMethod = bind.BindType.GetMethod(bind.BindMethodName, BindingFlags.Public | BindingFlags.Static,
                    [typeof(ServiceBinderBase), type])
                    ?? throw new InvalidOperationException($"{bind.BindType} has no {bind.BindMethodName}(ServiceBinderBase, {type.Name}).");
                bindMethod.Invoke(null, [new Binder(context, type, limits, identity.Value.ErrorDomain), null]);
                return;
            }
        }
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type baseType, RequestLimits limits, string domain) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(Checked(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(Checked(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(Checked(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Model<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(Checked(method), metadata, invoker);
        }

        private Method<TRequest, TResponse> Checked<TRequest, TResponse>(Method<TRequest, TResponse> method)
            where TRequest : class where TResponse : class =>
            new(method.Type, method.ServiceName, method.Name, BoundedRequests.Checked(method.RequestMarshaller, limits, domain), method.ResponseMarshaller);

        /// <summary>The implementation's override of <paramref name="name"/> as an open delegate, and the endpoint metadata (type attributes, then method attributes, then POST).</summary>
        private (TDelegate Invoker, List<object> Metadata) Model<TDelegate>(string name, params Type[] parameters) where TDelegate : Delegate
        {
            var handler = Implementation(name, parameters)
                ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(handler.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
        }

        private MethodInfo? Implementation(string name, Type[] parameters)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, binder: null, parameters, modifiers: null);
                if (method is null)
                {
                    return null;
                }
                if (method.IsVirtual && method.GetBaseDefinition().DeclaringType == baseType)
                {
                    return method;
                }
            }
            return null;
        }
    }
}
