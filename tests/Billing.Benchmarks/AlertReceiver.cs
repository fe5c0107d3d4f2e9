using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Benchmarks;

/// <summary>
/// The webhook receiver of the spend-rules benchmark, on a loopback port: answers 200 to every
/// delivery and keeps the first arrival of each event id (<see cref="Stopwatch"/> ticks), its type
/// and its <c>data</c>. Repeated deliveries are counted, as a receiver deduplicating by id would see them.
/// </summary>
internal sealed class AlertReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Arrival> arrivals = new(StringComparer.Ordinal);
    private long repeats;

    private AlertReceiver(WebApplication app) => this.app = app;

    public string Url => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/hooks";

    public IReadOnlyCollection<Arrival> Arrivals => [.. arrivals.Values];

    public long Repeats => Interlocked.Read(ref repeats);

    public static async Task<AlertReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new AlertReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync(cancellationToken);
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var at = Stopwatch.GetTimestamp();
        var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
        var id = body["id"]!.GetValue<string>();
        if (!arrivals.TryAdd(id, new Arrival(id, body["type"]!.GetValue<string>(), body["data"]!, at)))
        {
            Interlocked.Increment(ref repeats);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <param name="At">When it first arrived, in <see cref="Stopwatch"/> ticks.</param>
    internal sealed record Arrival(string Id, string Type, JsonNode Data, long At);
}
