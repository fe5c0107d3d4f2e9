using System.Text.Json.Nodes;

namespace Billing.Benchmarks;

/// <summary>The Stripe emulator's count of API requests (<c>GET /_emulator/requests</c>): in all and by route, retries included.</summary>
internal sealed record StripeRequestCounts(long Total, IReadOnlyDictionary<string, long> ByRoute)
{
    public static async Task<StripeRequestCounts> ReadAsync(Uri emulator, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = emulator };
        var json = JsonNode.Parse(await http.GetStringAsync(new Uri("_emulator/requests", UriKind.Relative), cancellationToken))
            ?? throw new InvalidOperationException("The emulator answered GET /_emulator/requests with nothing.");
        var byRoute = json["by_route"]?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<long>(), StringComparer.Ordinal)
            ?? throw new InvalidOperationException("GET /_emulator/requests has no by_route.");
        return new StripeRequestCounts(json["total"]!.GetValue<long>(), byRoute);
    }

    /// <summary>The requests made since <paramref name="before"/>.</summary>
    public StripeRequestCounts Since(StripeRequestCounts before) => new(
        Total - before.Total,
        ByRoute.ToDictionary(p => p.Key, p => p.Value - before.ByRoute.GetValueOrDefault(p.Key), StringComparer.Ordinal));
}
