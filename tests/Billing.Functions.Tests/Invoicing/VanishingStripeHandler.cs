namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// Makes the run's Stripe invoice vanish: after each of the first <paramref name="times"/> finalize
/// responses, <paramref name="vanish"/> runs (the emulator restarted empty, say), so the run's next
/// Stripe call about that invoice finds it gone.
/// </summary>
internal sealed class VanishingStripeHandler(int times, Func<Task> vanish) : DelegatingHandler(new SocketsHttpHandler())
{
    private int finalized;
    private int vanished;

    public int Vanished => Volatile.Read(ref vanished);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath.EndsWith("/finalize", StringComparison.Ordinal) == true
            && response.IsSuccessStatusCode && Interlocked.Increment(ref finalized) <= times)
        {
            await vanish();
            Interlocked.Increment(ref vanished);
        }

        return response;
    }
}
