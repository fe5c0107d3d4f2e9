using System.Net;
using System.Security.Cryptography;
using System.Text;
using Billing.LocalRuntime.Handler;
using Billing.LocalRuntime.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.LocalRuntime.Http;

/// <summary>
/// The HTTP side of the host: a loopback Kestrel listener that takes requests under the route
/// prefix, finds the HTTP function whose route and methods match (404 otherwise), checks the key
/// for authLevel function or admin (header <c>x-functions-key</c> or query <c>code</c>; 401
/// without a valid one), and forwards the request as it is to the custom handler
/// (<c>enableForwardingHttpRequest</c>), streaming both bodies (a request body only once the app
/// asks for it, <c>Expect: 100-continue</c>, so that its early 413 reaches the caller). Like the
/// Functions host it keeps every header, <c>Host</c> included, so the app sees the address the
/// caller used; and like the front end that terminates TLS in Azure it states the caller's scheme
/// in <c>X-Forwarded-Proto</c>, replacing any the caller sent.
/// </summary>
internal sealed partial class HttpFront : IAsyncDisposable
{
    public const string KeyHeader = "x-functions-key";
    public const string KeyQuery = "code";
    private static readonly TimeSpan HandlerWait = TimeSpan.FromSeconds(60);

    private const string ForwardedProto = "X-Forwarded-Proto";
    private const string Expect = "Expect";

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    private readonly WebApplication web;

    private HttpFront(WebApplication web, Uri baseAddress)
    {
        this.web = web;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<HttpFront> StartAsync(
        FunctionAppModel app,
        HandlerProcess handler,
        HttpClient http,
        string hostKey,
        int port,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var routes = app.Functions.Where(f => f.Trigger is HttpTriggerBinding && !f.Disabled).Select(f => new HttpRoute(f)).ToArray();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, NoSignalLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = null; // the handler enforces its own limits
        });
        var web = builder.Build();
        var logger = loggerFactory.CreateLogger<HttpFront>();
        var prefix = app.Host.RoutePrefix.Length == 0 ? PathString.Empty : new PathString("/" + app.Host.RoutePrefix);
        var keyBytes = Encoding.UTF8.GetBytes(hostKey);
        web.Run(context => HandleAsync(context, app, routes, prefix, keyBytes, handler, http, logger));
        await web.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpFront(web, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await web.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await web.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task HandleAsync(
        HttpContext context,
        FunctionAppModel app,
        HttpRoute[] routes,
        PathString prefix,
        byte[] hostKey,
        HandlerProcess handler,
        HttpClient http,
        ILogger logger)
    {
        var request = context.Request;
        var rest = request.Path;
        if (prefix.HasValue && !request.Path.StartsWithSegments(prefix, out rest))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var route = routes.FirstOrDefault(r => r.Matches(request.Method, rest));
        if (route is null)
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

        if (!app.Host.EnableForwardingHttpRequest)
        {
            context.Response.StatusCode = StatusCodes.Status501NotImplemented;
            await context.Response.WriteAsync("This local runtime only forwards HTTP requests (host.json customHandler.enableForwardingHttpRequest).", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        Uri baseAddress;
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted))
        {
            wait.CancelAfter(HandlerWait);
            try
            {
                baseAddress = await handler.WaitReadyAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
        }

        var relative = UriHelper.BuildRelative(request.PathBase, request.Path, request.QueryString);
        var retry = await ForwardAsync(context, new Uri(baseAddress, relative), http, route, logger).ConfigureAwait(false);
        if (retry && await handler.WaitReplacedAsync(baseAddress, context.RequestAborted).ConfigureAwait(false))
        {
            // The handler had just died; a request without a body can go to its replacement.
            baseAddress = await handler.WaitReadyAsync(context.RequestAborted).WaitAsync(HandlerWait, context.RequestAborted).ConfigureAwait(false);
            await ForwardAsync(context, new Uri(baseAddress, relative), http, route, logger).ConfigureAwait(false);
        }
        else if (retry)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
        }
    }

    private static bool HasKey(HttpRequest request, byte[] hostKey)
    {
        var given = request.Headers[KeyHeader].FirstOrDefault() ?? request.Query[KeyQuery].FirstOrDefault();
        return given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), hostKey);
    }

    /// <returns>True when the handler refused the connection and the request, having no body, may be sent again.</returns>
    private static async Task<bool> ForwardAsync(HttpContext context, Uri target, HttpClient http, HttpRoute route, ILogger logger)
    {
        var request = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (hasBody)
        {
            message.Content = new StreamContent(request.Body);

            // The app may refuse a body without reading it (413 on its Content-Length). HttpClient
            // would still push the whole body at a connection the app then cuts short, fail the send
            // and lose the app's answer: a 502 for a 413. Asking first, the app's early answer
            // arrives before any of the body is sent. (Our Kestrel answered the caller's own Expect.)
            message.Headers.ExpectContinue = true;
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopByHop.Contains(name) || name.Equals(ForwardedProto, StringComparison.OrdinalIgnoreCase) || name.Equals(Expect, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            // Host too (HttpClient sends it instead of the handler's address), as the Functions host does.
            if (!message.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        message.Headers.TryAddWithoutValidation(ForwardedProto, request.Scheme);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError && !hasBody)
        {
            return true;
        }
        catch (HttpRequestException e)
        {
            LogForwardFailed(logger, e, route.Function.Name);
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return false;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }

        return false;
    }

    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "{Function}: {Method} {Path} refused (401): no valid function key")]
    private static partial void LogUnauthorized(ILogger logger, string function, string method, string path);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "{Function}: the custom handler did not answer the forwarded request")]
    private static partial void LogForwardFailed(ILogger logger, Exception exception, string function);
}
