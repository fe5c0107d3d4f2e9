using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Billing.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.Benchmarks;

/// <summary>
/// POST /api/meter_events over loopback: <c>--http-clients</c> clients each sending batches of
/// <c>--http-batch</c> events. A batch carries one customer's events, as a customer's own agent
/// would send them; bodies are built before the clock starts.
/// </summary>
/// <param name="observe">Sees each answer's body with the time it arrived (<see cref="Stopwatch"/> ticks).</param>
internal sealed class HttpBenchmark(BenchmarkOptions options, Dictionary<string, string?> settings, Action<JsonNode, long>? observe = null)
{
    public async Task<JsonObject> RunAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddBillingApp(builder.Configuration);
        await using var app = builder.Build();
        app.MapMeterEvents();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var batches = (int)(options.HttpEvents / options.HttpBatch);
        var bodies = Enumerable.Range(0, batches).Select(Body).ToArray();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.HttpClients }) { BaseAddress = new Uri(address) };
        long accepted = 0, failures = 0;
        var next = -1;
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.HttpClients).Select(_ => Task.Run(
            async () =>
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < bodies.Length)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var content = new ByteArrayContent(bodies[index]);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    using var response = await http.PostAsync("/api/meter_events", content, cancellationToken);
                    var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                    observe?.Invoke(body!, Stopwatch.GetTimestamp());
                    lock (latencies)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }

                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Add(ref accepted, body!["accepted"]!.GetValue<long>());
                    }
                    else
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            },
            cancellationToken)));
        clock.Stop();
        await app.StopAsync(cancellationToken);
        latencies.Sort();
        var sent = (long)batches * options.HttpBatch;
        return new JsonObject
        {
            ["events"] = sent,
            ["batch"] = options.HttpBatch,
            ["clients"] = options.HttpClients,
            ["seconds"] = Figures.Round(clock.Elapsed.TotalSeconds, 2),
            ["events_per_s"] = Figures.Round(sent / clock.Elapsed.TotalSeconds),
            ["median_request_ms"] = Figures.Round(latencies[latencies.Count / 2], 1),
            ["p99_request_ms"] = Figures.Round(latencies[(int)(latencies.Count * 0.99)], 1),
            ["accepted"] = accepted,
            ["failed_requests"] = failures,
            ["match"] = accepted == sent && failures == 0,
        };
    }

    private byte[] Body(int batch)
    {
        var customer = Workload.Customer(batch % options.Customers);
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() - 60;
        var json = new StringBuilder("[");
        for (var i = 0; i < options.HttpBatch; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append((i % 3) switch
            {
                0 => $$$"""{"event_name":"compute_seconds","timestamp":{{{timestamp}}},"identifier":"http-{{{batch}}}-{{{i}}}","payload":{"stripe_customer_id":"{{{customer}}}","value":"{{{i % 97}}}.5"}}""",
                1 => $$$"""{"event_name":"api_call","timestamp":{{{timestamp}}},"identifier":"http-{{{batch}}}-{{{i}}}","payload":{"stripe_customer_id":"{{{customer}}}"}}""",
                _ => $$$"""{"event_name":"storage_gb","timestamp":{{{timestamp}}},"identifier":"http-{{{batch}}}-{{{i}}}","payload":{"stripe_customer_id":"{{{customer}}}","value":{{{i % 500}}}}}""",
            });
        }

        return Encoding.UTF8.GetBytes(json.Append(']').ToString());
    }
}
