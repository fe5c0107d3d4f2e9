using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Cli.Tests.Support;

/// <summary>
/// A tiny Kestrel on 127.0.0.1 (a free port) that answers each request with what a script returns
/// for its method and path, and records the requests in order ("GET /api/invoices"): a stand-in app
/// whose answers change from one call to the next.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ScriptedServer(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The request bodies, in the order of <see cref="Requests"/> (empty for a request without one).</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    /// <param name="script">The JSON body to answer with 200 for "METHOD /path" (query excluded, unless <paramref name="withQuery"/>), or null for 404.</param>
    /// <param name="withQuery">The script and <see cref="Requests"/> see "METHOD /path?query".</param>
    public static async Task<ScriptedServer> StartAsync(Func<string, string?> script, bool withQuery = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        ScriptedServer? server = null;
        app.Run(async context =>
        {
            var request = $"{context.Request.Method} {context.Request.Path}{(withQuery ? context.Request.QueryString.Value : string.Empty)}";
            using (var reader = new StreamReader(context.Request.Body))
            {
                server!.Bodies.Enqueue(await reader.ReadToEndAsync(context.RequestAborted));
            }

            server.Requests.Enqueue(request);
            if (script(request) is { } body)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body, context.RequestAborted);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new ScriptedServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
