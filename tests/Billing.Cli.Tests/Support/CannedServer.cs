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
/// A tiny Kestrel on 127.0.0.1 (a free port) that answers every request with one canned status and
/// body, and records what it was sent: the CLI's error mapping is tested against real HTTP.
/// </summary>
internal sealed class CannedServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TaskCompletionSource<RecordedRequest> first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CannedServer(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Completes with the first request received: await it instead of polling <see cref="Requests"/>.</summary>
    public Task<RecordedRequest> FirstRequest => first.Task;

    public static async Task<CannedServer> StartAsync(int status, string body = "")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        CannedServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var sent = await reader.ReadToEndAsync(context.RequestAborted);
            var request = new RecordedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers["x-functions-key"].ToString(),
                sent,
                context.Request.Headers["Stripe-Signature"].ToString());
            server!.Requests.Enqueue(request);
            server.first.TrySetResult(request);
            context.Response.StatusCode = status;
            if (body.Length > 0)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body, context.RequestAborted);
            }
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new CannedServer(app, new Uri(address));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
