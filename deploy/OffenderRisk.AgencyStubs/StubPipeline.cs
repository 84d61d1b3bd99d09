using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace OffenderRisk.AgencyStubs;

/// <summary>
/// ASP.NET Core middleware placed in front of WireMock.Net's own middleware
/// (<c>WireMockServerSettings.PreWireMockMiddlewareInit</c>).
/// </summary>
internal static class StubPipeline
{
    // WireMock.Net copies request headers into a case-sensitive dictionary, so templates such as
    // {{request.headers.Idempotency-Key}} would miss "idempotency-key" (curl, HTTP/2 clients).
    private static readonly string[] CanonicalRequestHeaders =
        [StubHeaders.ClientId, StubHeaders.IdempotencyKey, StubHeaders.CorrelationId];

    public static void Configure(object applicationBuilder)
    {
        var app = (IApplicationBuilder)applicationBuilder;
        app.Use(static (context, next) =>
        {
            CanonicaliseHeaderNames(context.Request.Headers);
            context.Response.OnStarting(AbortIfConnectionResetRequested, context);
            return next(context);
        });
    }

    private static void CanonicaliseHeaderNames(IHeaderDictionary headers)
    {
        foreach (var name in CanonicalRequestHeaders)
        {
            // The dictionary is case-insensitive, so remove-then-add re-keys the entry with the canonical spelling.
            if (headers.TryGetValue(name, out var values))
            {
                headers.Remove(name);
                headers[name] = values;
            }
        }
    }

    // WireMock.Net's own faults (EMPTY_RESPONSE, MALFORMED_RESPONSE_CHUNK) still send a status line,
    // so a genuinely dropped connection is asked for by the mapping through a marker header and done here,
    // before the status line is written.
    private static Task AbortIfConnectionResetRequested(object state)
    {
        var context = (HttpContext)state;
        if (context.Response.Headers.TryGetValue(StubHeaders.Fault, out var fault)
            && string.Equals(fault.ToString(), StubHeaders.ConnectionResetFault, StringComparison.OrdinalIgnoreCase))
        {
            context.Abort();
        }

        return Task.CompletedTask;
    }
}
