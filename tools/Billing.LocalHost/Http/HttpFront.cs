using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Billing.LocalHost.Invocation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Http;

/// <summary>
/// The HTTP side of the host: a loopback Kestrel listener that takes requests under the route
/// prefix, finds the HTTP function whose route and methods match (404 otherwise), checks the key
/// for authLevel function or admin (header <c>x-functions-key</c> or query <c>code</c>; 401
/// without a valid one), and invokes the function in-process with the request, its route values
/// and the request's cancellation, as the isolated worker's ASP.NET Core integration does: the
/// request's services are the invocation's scope, and an <see cref="IResult"/> or
/// <see cref="IActionResult"/> the function returns is executed on the response. An exception the
/// function throws is a 500, logged. Like the front end that terminates TLS in Azure, it states the
/// caller's scheme in <c>X-Forwarded-Proto</c> and drops any <c>X-Forwarded-*</c> the caller sent,
/// so the app never takes a caller's word for its own address.
/// </summary>
internal sealed partial class HttpFront : IAsyncDisposable
{
    public const string KeyHeader = "x-functions-key";
    public const string KeyQuery = "code";
    private const string ForwardedProto = "X-Forwarded-Proto";

    private readonly WebApplication web;
    private int draining;

    private HttpFront(WebApplication web, Uri baseAddress)
    {
        this.web = web;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<HttpFront> StartAsync(
        IReadOnlyList<FunctionMethod> functions,
        string routePrefix,
        FunctionInvoker invoker,
        string hostKey,
        int port,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var routes = functions.Select(f => new HttpRoute(f)).ToArray();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, NoSignalLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = null; // the app enforces its own limits
        });
        var web = builder.Build();
        var logger = loggerFactory.CreateLogger<HttpFront>();
        var prefix = routePrefix.Length == 0 ? PathString.Empty : new PathString("/" + routePrefix);
        var keyBytes = Encoding.UTF8.GetBytes(hostKey);
        web.Run(context => HandleAsync(context, routes, prefix, keyBytes, invoker, logger));
        await web.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpFront(web, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>Stops taking requests; requests in flight get until <paramref name="cancellationToken"/> to finish.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref draining, 1) == 0)
        {
            await web.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await web.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task HandleAsync(HttpContext context, HttpRoute[] routes, PathString prefix, byte[] hostKey, FunctionInvoker invoker, ILogger logger)
    {
        var request = context.Request;
        var rest = request.Path;
        if (prefix.HasValue && !request.Path.StartsWithSegments(prefix, out rest))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var (route, values) = routes.Select(r => (Route: r, Values: r.Match(request.Method, rest))).FirstOrDefault(m => m.Values is not null);
        if (route is null || values is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (route.Binding.RequiresKey && !HasKey(request, hostKey))
        {
            LogUnauthorized(logger, route.Function.Name, request.Method, request.Path);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        foreach (var forwarded in request.Headers.Keys.Where(k => k.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            request.Headers.Remove(forwarded);
        }

        request.Headers[ForwardedProto] = request.Scheme;
        var routeData = new RouteData(values);
        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Query"] = JsonSerializer.Serialize(request.Query.ToDictionary(q => q.Key, q => q.Value.ToString())),
        };
        foreach (var (key, value) in values)
        {
            data[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }

        var input = new TriggerInput(
            $"{request.Method} {request.Path}",
            type => type.IsInstanceOfType(request) ? request
                : type.IsInstanceOfType(context) ? context
                : throw new NotSupportedException($"An HTTP trigger binds to HttpRequest or HttpContext, not {type.Name}."),
            data,
            [request, context]);
        try
        {
            await invoker.CallAsync(
                route.Function,
                input,
                context.RequestAborted,
                prepare: (services, functionContext) =>
                {
                    context.RequestServices = services;
                    functionContext.Items[LocalFunctionContext.HttpContextKey] = context;
                },
                complete: result => ExecuteAsync(context, routeData, result)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away.
        }
        catch (Exception e)
        {
            LogFailed(logger, e, route.Function.Name, request.Method, request.Path, ErrorText.Of(e));
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }
        }
    }

    private static async Task ExecuteAsync(HttpContext context, RouteData routeData, object? result)
    {
        switch (result)
        {
            case null:
                return;
            case IResult typed:
                await typed.ExecuteAsync(context).ConfigureAwait(false);
                return;
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, routeData, new ActionDescriptor())).ConfigureAwait(false);
                return;
            default:
                await Results.Json(result).ExecuteAsync(context).ConfigureAwait(false);
                return;
        }
    }

    private static bool HasKey(HttpRequest request, byte[] hostKey)
    {
        var given = request.Headers[KeyHeader].FirstOrDefault() ?? request.Query[KeyQuery].FirstOrDefault();
        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), hostKey);
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "{Function}: {Method} {Path} refused (401): no valid function key")]
    private static partial void LogUnauthorized(ILogger logger, string function, string method, string path);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "{Function}: {Method} {Path} failed (500): {Error}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string method, string path, string error);
}
