using System.Text.Json.Serialization;
using Billing.Domain.Ports;

namespace Billing.Invoicing;

/// <summary>
/// <c>POST /api/test_helpers/webhooks/replay</c>: reads Stripe's events back (all, or those created
/// since a time) and applies each as if it had been delivered; events applied before are skipped
/// by id. Repairs what missed deliveries left behind.
/// </summary>
public sealed class WebhookReplayHandler(IStripeBilling stripe, StripeWebhookHandler webhooks)
{
    public async Task<WebhookReplayResult> HandleAsync(long? since, CancellationToken cancellationToken)
    {
        int replayed = 0, applied = 0;
        foreach (var stripeEvent in await stripe.ListEventsAsync(since is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : null, cancellationToken).ConfigureAwait(false))
        {
            replayed++;
            if (await webhooks.ApplyAsync(stripeEvent, cancellationToken).ConfigureAwait(false) is WebhookOutcome.Applied)
            {
                applied++;
            }
        }

        return new WebhookReplayResult(replayed, applied);
    }
}

/// <summary>The body of a replay request: events created at or after <see cref="Since"/> (Unix seconds), or all.</summary>
public sealed record WebhookReplayRequest([property: JsonPropertyName("since")] long? Since);

/// <summary>How many events were read back, and how many of them changed something (not applied before).</summary>
public sealed record WebhookReplayResult(
    [property: JsonPropertyName("replayed")] int Replayed,
    [property: JsonPropertyName("applied")] int Applied);
