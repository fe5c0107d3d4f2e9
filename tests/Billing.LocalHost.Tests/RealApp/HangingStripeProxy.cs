using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Tests.RealApp;

/// <summary>
/// An HTTP proxy in front of the Stripe emulator that makes one Stripe call hang: every request is
/// forwarded, but the response to the first one that <c>hangs</c> selects is held back (Stripe did
/// the work; the caller never hears of it) until <see cref="Lift"/>, or until its caller goes away.
/// Later requests pass straight through. A test-side stand-in for a Stripe call in flight when
/// the process dies, so that nothing test-only is needed in the app or the emulator.
/// </summary>
internal sealed class HangingStripeProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer",
    };

    private readonly ConcurrentQueue<string> calls = new();
    private readonly TaskCompletionSource<string> hung = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource lifted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<HttpRequest, bool> hangs;
    private readonly HttpClient upstream;
    private WebApplication? app;
    private int taken;

    private HangingStripeProxy(Uri emulator, Func<HttpRequest, bool> hangs)
    {
        this.hangs = hangs;
        upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = emulator,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The value for <c>Stripe__ApiBase</c>: the proxy's root without a trailing slash.</summary>
    public string ApiBase { get; private set; } = string.Empty;

    /// <summary>
    /// Every call forwarded, oldest first, as <c>POST /v1/invoices/in_…/pay 200</c>, followed by
    /// <c>replayed</c> when Stripe answered with the saved response of an earlier call with the same
    /// idempotency key (its <c>Idempotent-Replayed</c> header).
    /// </summary>
    public IReadOnlyList<string> Calls => [.. calls];

    /// <summary>Completes with the held request's method and path once its response is held back.</summary>
    public Task<string> Hung => hung.Task;

    /// <param name="emulator">The emulator's root address.</param>
    /// <param name="hangs">Selects the request whose response is held (the first match only).</param>
    public static async Task<HangingStripeProxy> StartAsync(Uri emulator, Func<HttpRequest, bool> hangs, CancellationToken cancellationToken)
    {
        var proxy = new HangingStripeProxy(emulator, hangs);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.Run(proxy.ForwardAsync);
        await app.StartAsync(cancellationToken);
        proxy.app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.ApiBase = new Uri(address).GetLeftPart(UriPartial.Authority);
        return proxy;
    }

    /// <summary>Lets the held response go (to a caller that may be gone) and stops holding any.</summary>
    public void Lift() => lifted.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Lift();
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        upstream.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var request = context.Request;
        using var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), request.Path + request.QueryString);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        if (body.Length > 0 || HttpMethods.IsPost(request.Method))
        {
            forwarded.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in request.Headers)
        {
            if (!HopByHop.Contains(name) && !forwarded.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forwarded.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        using var response = await upstream.SendAsync(forwarded, context.RequestAborted);
        var content = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        var replayed = response.Headers.TryGetValues("Idempotent-Replayed", out var flag) && flag.Contains("true") ? " replayed" : string.Empty;
        calls.Enqueue($"{request.Method} {request.Path} {(int)response.StatusCode}{replayed}");
        if (!lifted.Task.IsCompleted && hangs(request) && Interlocked.Exchange(ref taken, 1) == 0)
        {
            hung.TrySetResult($"{request.Method} {request.Path}");
            try
            {
                await lifted.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the caller is gone (killed): nobody to answer
            }
        }

        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(name) && !string.Equals(name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        context.Response.ContentLength = content.Length;
        await context.Response.Body.WriteAsync(content, context.RequestAborted);
    }
}
