using System.Text;
using Billing.StripeEmulator.Control;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Persistence;
using Microsoft.Extensions.Options;

namespace Billing.StripeEmulator.Webhooks;

/// <summary>
/// Delivers queued events to the configured endpoint in the background: in order, or shuffled
/// within <see cref="EmulatorSettings.ShuffleWindow"/>; twice each when
/// <see cref="EmulatorSettings.DuplicateDelivery"/> is on; after
/// <see cref="EmulatorSettings.DeliveryDelay"/>. An attempt that does not get a 2xx is retried
/// (without holding up later events) after <see cref="StripeEmulatorOptions.FirstRetryDelay"/>,
/// doubling, up to <see cref="StripeEmulatorOptions.MaxDeliveryAttempts"/> attempts. Each
/// attempt is signed afresh with the current time, as Stripe does.
/// </summary>
internal sealed partial class WebhookDispatcher(
    WebhookQueue queue,
    EmulatorSettingsStore settings,
    EmulatorRandom random,
    IOptions<StripeEmulatorOptions> options,
    IHttpClientFactory httpClients,
    EmulatorJournal journal,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "StripeEmulator.Webhooks";

    private readonly StripeEmulatorOptions options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                var batch = await TakeBatchAsync(stoppingToken).ConfigureAwait(false);
                foreach (var record in batch)
                {
                    var copies = settings.Current.DuplicateDelivery ? 2 : 1;
                    for (var copy = 0; copy < copies; copy++)
                    {
                        await DeliverAsync(record, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<List<EventRecord>> TakeBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new List<EventRecord>();
        if (!queue.Reader.TryRead(out var first))
        {
            return batch;
        }

        batch.Add(first);
        var window = settings.Current.ShuffleWindow;
        if (window <= 1)
        {
            return batch;
        }

        using var linger = new CancellationTokenSource(options.ShuffleLinger, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, linger.Token);
        while (batch.Count < window)
        {
            if (queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                continue;
            }

            try
            {
                if (!await queue.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }

        Shuffle(batch);
        return batch;
    }

    /// <summary>Fisher–Yates; a draw that leaves the order as it was is rotated, so the switch always shows.</summary>
    private void Shuffle(List<EventRecord> batch)
    {
        var original = batch.ToArray();
        for (var i = batch.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (batch[i], batch[j]) = (batch[j], batch[i]);
        }

        if (batch.Count > 1 && batch.SequenceEqual(original))
        {
            batch.Add(batch[0]);
            batch.RemoveAt(0);
        }
    }

    private async Task DeliverAsync(EventRecord record, CancellationToken cancellationToken)
    {
        var delay = settings.Current.DeliveryDelay;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }

        if (!await AttemptAsync(record, 1, cancellationToken).ConfigureAwait(false) && options.MaxDeliveryAttempts > 1)
        {
            _ = RetryAsync(record, cancellationToken);
        }
    }

    private async Task RetryAsync(EventRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var wait = options.FirstRetryDelay;
            for (var attempt = 2; attempt <= options.MaxDeliveryAttempts; attempt++)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                if (await AttemptAsync(record, attempt, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                wait *= 2;
            }

            record.GiveUp();
            journal.GaveUp(record);
            LogGaveUp(record.Id, record.Type, options.MaxDeliveryAttempts);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> AttemptAsync(EventRecord record, int attempt, CancellationToken cancellationToken)
    {
        var current = settings.Current;
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (current.WebhookUrl is null)
        {
            var none = new DeliveryAttempt(now, null, "no webhook endpoint is configured");
            record.Record(none);
            journal.Attempted(record, none);
            return false;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, current.WebhookUrl)
        {
            Content = new StringContent(record.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", WebhookSigner.SignatureHeader(record.Payload, current.WebhookSecret, now));
        request.Headers.TryAddWithoutValidation("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)");
        DeliveryAttempt result;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            result = new DeliveryAttempt(now, (int)response.StatusCode, null);
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            result = new DeliveryAttempt(now, null, e.Message);
        }

        record.Record(result);
        journal.Attempted(record, result);
        if (!result.Succeeded)
        {
            LogAttemptFailed(record.Id, record.Type, attempt, result.StatusCode, result.Error);
        }

        return result.Succeeded;
    }

    [LoggerMessage(EventId = 900, Level = LogLevel.Warning, Message = "Webhook {EventId} ({Type}) attempt {Attempt} failed: status {Status}, {Error}")]
    private partial void LogAttemptFailed(string eventId, string type, int attempt, int? status, string? error);

    [LoggerMessage(EventId = 901, Level = LogLevel.Warning, Message = "Webhook {EventId} ({Type}) not delivered after {Attempts} attempts; it stays in /_emulator/events for replay")]
    private partial void LogGaveUp(string eventId, string type, int attempts);
}
