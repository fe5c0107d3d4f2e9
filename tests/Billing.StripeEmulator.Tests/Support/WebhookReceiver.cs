using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.StripeEmulator.Tests.Support;

/// <summary>
/// A webhook endpoint on 127.0.0.1 and a free port that records what it gets. Answers 200, or the
/// statuses queued with <see cref="FailNext"/> first. Tests wait on <see cref="ReadAsync"/>, which
/// times out instead of sleeping.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    private readonly WebApplication app;
    private readonly Channel<ReceivedWebhook> received = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly ConcurrentQueue<int> failures = new();

    private WebhookReceiver(WebApplication app, Uri url)
    {
        this.app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/webhook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var payload = await reader.ReadToEndAsync();
            if (receiver!.failures.TryDequeue(out var status))
            {
                return Results.StatusCode(status);
            }

            receiver.received.Writer.TryWrite(new ReceivedWebhook(payload, request.Headers["Stripe-Signature"].ToString()));
            return Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(address.TrimEnd('/') + "/webhook"));
        return receiver;
    }

    /// <summary>The next <paramref name="count"/> calls answer <paramref name="status"/> (and are not recorded).</summary>
    public void FailNext(int count, int status = 500)
    {
        for (var i = 0; i < count; i++)
        {
            failures.Enqueue(status);
        }
    }

    /// <summary>The next <paramref name="count"/> deliveries, in arrival order; fails after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> ReadAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? DefaultTimeout);
        var result = new List<ReceivedWebhook>();
        try
        {
            while (result.Count < count)
            {
                result.Add(await received.Reader.ReadAsync(cts.Token));
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"Expected {count} webhooks, got {result.Count}: {string.Join(", ", result.Select(r => r.Type))}");
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
