namespace Billing.StripeEmulator.Control;

/// <summary>
/// The switches that can change while the emulator runs (<c>POST /_emulator/config</c>). See
/// <see cref="Hosting.StripeEmulatorOptions"/> for what each one means.
/// </summary>
public sealed record EmulatorSettings
{
    public Uri? WebhookUrl { get; init; }

    public required string WebhookSecret { get; init; }

    public bool DuplicateDelivery { get; init; }

    public int ShuffleWindow { get; init; }

    public TimeSpan DeliveryDelay { get; init; }

    public double RateLimitFraction { get; init; }

    public double ServerErrorFraction { get; init; }

    public double LostResponseFraction { get; init; }

    public void Validate()
    {
        if (string.IsNullOrEmpty(WebhookSecret))
        {
            throw new ArgumentException("The webhook secret must not be empty.");
        }

        if (WebhookUrl is not null && (!WebhookUrl.IsAbsoluteUri || WebhookUrl.Scheme is not ("http" or "https")))
        {
            throw new ArgumentException("The webhook URL must be an absolute http or https URL.");
        }

        if (ShuffleWindow < 0 || DeliveryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("shuffle_window and delivery_delay_ms must not be negative.");
        }

        if (RateLimitFraction is < 0 or > 1 || ServerErrorFraction is < 0 or > 1 || LostResponseFraction is < 0 or > 1 ||
            RateLimitFraction + ServerErrorFraction > 1)
        {
            throw new ArgumentException("Fault fractions are between 0 and 1, and rate_limit_fraction + server_error_fraction is at most 1.");
        }
    }
}
