namespace Billing.Stripe;

/// <summary>Takes a token from the bucket before every HTTP request to Stripe, Stripe.net's retries included.</summary>
internal sealed class RateLimitingHandler(TokenBucket bucket) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await bucket.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
