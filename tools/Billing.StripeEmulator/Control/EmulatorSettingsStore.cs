using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Webhooks;
using Microsoft.Extensions.Options;

namespace Billing.StripeEmulator.Control;

/// <summary>
/// The current <see cref="EmulatorSettings"/>: starts from the options, replaced whole on each change.
/// Once an endpoint is configured, the deliveries held since a restart are queued.
/// </summary>
internal sealed class EmulatorSettingsStore(IOptions<StripeEmulatorOptions> options, WebhookQueue queue)
{
    private readonly object gate = new();
    private EmulatorSettings current = FromOptions(options.Value);

    public EmulatorSettings Current => Volatile.Read(ref current);

    /// <summary>Applies <paramref name="change"/> atomically; throws <see cref="ArgumentException"/> (leaving the settings as they were) when the result is invalid.</summary>
    public EmulatorSettings Update(Func<EmulatorSettings, EmulatorSettings> change)
    {
        lock (gate)
        {
            var next = change(current);
            next.Validate();
            Volatile.Write(ref current, next);
            if (next.WebhookUrl is not null)
            {
                queue.ReleaseHeld();
            }

            return next;
        }
    }

    private static EmulatorSettings FromOptions(StripeEmulatorOptions o) => new()
    {
        WebhookUrl = o.WebhookUrl,
        WebhookSecret = o.WebhookSecret,
        DuplicateDelivery = o.DuplicateDelivery,
        ShuffleWindow = o.ShuffleWindow,
        DeliveryDelay = o.DeliveryDelay,
        RateLimitFraction = o.RateLimitFraction,
        ServerErrorFraction = o.ServerErrorFraction,
        LostResponseFraction = o.LostResponseFraction,
    };
}
