using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Functions.Tests.Outbound;

/// <summary>
/// A webhook receiver on a real loopback port (Kestrel): records every POST (signature header,
/// body) and answers with the status <see cref="Answer"/> picks for it — 200 unless told otherwise.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>Picks the status of a request from its body and the requests before it (that are in <see cref="Received"/>).</summary>
    public Func<byte[], IReadOnlyList<ReceivedWebhook>, int> Answer { get; set; } = (_, _) => StatusCodes.Status200OK;

    /// <summary>The clock whose time each request is stamped with (<see cref="ReceivedWebhook.At"/>); real time when null.</summary>
    public TimeProvider? Clock { get; set; }

    /// <summary><c>http://127.0.0.1:{port}</c>: any path under it is received.</summary>
    public string BaseUrl => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    public string Url => BaseUrl + "/hooks";

    /// <summary>Every request, in the order they came.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var bytes = body.ToArray();
        int status;
        lock (received)
        {
            status = Answer(bytes, Received);
            received.Enqueue(new ReceivedWebhook(
                context.Request.Path, context.Request.Headers["Billing-Signature"].FirstOrDefault(), context.Request.ContentType, bytes, status, (Clock ?? TimeProvider.System).GetUtcNow()));
        }

        context.Response.StatusCode = status;
    }
}
