namespace Billing.StripeEmulator.Hosting;

/// <summary>
/// Settings under <c>StripeEmulator</c> (environment: <c>StripeEmulator__WebhookUrl</c>, …). The
/// webhook and fault switches are only the starting values: <c>POST /_emulator/config</c> changes
/// them while the emulator runs.
/// </summary>
public sealed class StripeEmulatorOptions
{
    public const string Section = "StripeEmulator";

    /// <summary>The API version of Stripe.net 53.1.0 (<c>StripeConfiguration.ApiVersion</c>); events carry it so that <c>EventUtility.ConstructEvent</c> accepts them.</summary>
    public const string DefaultApiVersion = "2026-10-28.endive";

    /// <summary>A fixed, well-known signing secret for local runs; it protects nothing.</summary>
    public const string DefaultWebhookSecret = "whsec_stripe_emulator_local_secret";

    public const int DefaultMaxDeliveryAttempts = 5;
    public static readonly TimeSpan DefaultFirstRetryDelay = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan DefaultDeliveryTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultShuffleLinger = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan DefaultIdempotencyKeyLifetime = TimeSpan.FromHours(24);

    /// <summary>The <c>api_version</c> written into events. Default <see cref="DefaultApiVersion"/>.</summary>
    public string ApiVersion { get; set; } = DefaultApiVersion;

    /// <summary>Where events are POSTed; none when null (events are still recorded and can be replayed later).</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The endpoint's signing secret (<c>whsec_…</c>). Default <see cref="DefaultWebhookSecret"/>.</summary>
    public string WebhookSecret { get; set; } = DefaultWebhookSecret;

    /// <summary>Deliver every event twice, as Stripe occasionally does.</summary>
    public bool DuplicateDelivery { get; set; }

    /// <summary>Deliver events in a shuffled order within groups of up to this many (0 or 1: in order).</summary>
    public int ShuffleWindow { get; set; }

    /// <summary>How long the dispatcher waits for a shuffle group to fill before delivering a partial one. Default 200 ms.</summary>
    public TimeSpan ShuffleLinger { get; set; } = DefaultShuffleLinger;

    /// <summary>Wait before each delivery. Default none.</summary>
    public TimeSpan DeliveryDelay { get; set; }

    /// <summary>Attempts per delivery before giving up (an endpoint that does not answer 2xx is retried). Default 5.</summary>
    public int MaxDeliveryAttempts { get; set; } = DefaultMaxDeliveryAttempts;

    /// <summary>Wait before the first retry of a failed delivery; doubled for each later one. Default 200 ms.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = DefaultFirstRetryDelay;

    /// <summary>How long one delivery may take. Default 10 s.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = DefaultDeliveryTimeout;

    /// <summary>Fraction (0–1) of API requests answered 429 <c>rate_limit</c> before they run.</summary>
    public double RateLimitFraction { get; set; }

    /// <summary>Fraction (0–1) of API requests answered 500 <c>api_error</c> before they run.</summary>
    public double ServerErrorFraction { get; set; }

    /// <summary>Fraction (0–1) of API requests that run but whose response is lost (the connection is aborted), as on a network failure.</summary>
    public double LostResponseFraction { get; set; }

    /// <summary>Seed of the fault and shuffle draws, for reproducible runs; random when null.</summary>
    public int? Seed { get; set; }

    /// <summary>How long an idempotency key's saved response is kept. Default 24 hours, Stripe's minimum.</summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = DefaultIdempotencyKeyLifetime;

    /// <summary>Customers that exist from the start, with fixed ids.</summary>
    public List<SeededCustomer> Customers { get; set; } = [];

    /// <summary>
    /// The folder that keeps the emulator's state across restarts (its file is
    /// <see cref="Persistence.StateFile.FileName"/>; created when missing). Null, the default: the
    /// state lives in memory only and is gone when the emulator stops. One emulator at a time uses a
    /// folder; a second one refuses to start.
    /// </summary>
    public string? DataDirectory { get; set; }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiVersion) || !ApiVersion.Contains('.', StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"StripeEmulator:ApiVersion must look like 'yyyy-MM-dd.train'; got '{ApiVersion}'.");
        }

        if (string.IsNullOrEmpty(WebhookSecret))
        {
            throw new InvalidOperationException("StripeEmulator:WebhookSecret must not be empty.");
        }

        if (WebhookUrl is not null && (!WebhookUrl.IsAbsoluteUri || WebhookUrl.Scheme is not ("http" or "https")))
        {
            throw new InvalidOperationException("StripeEmulator:WebhookUrl must be an absolute http or https URL.");
        }

        if (ShuffleWindow < 0 || MaxDeliveryAttempts < 1 || DeliveryDelay < TimeSpan.Zero || ShuffleLinger < TimeSpan.Zero ||
            FirstRetryDelay < TimeSpan.Zero || DeliveryTimeout <= TimeSpan.Zero || IdempotencyKeyLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("StripeEmulator: counts and delays must not be negative, MaxDeliveryAttempts and the timeouts must be positive.");
        }

        foreach (var (name, fraction) in new[] { ("RateLimitFraction", RateLimitFraction), ("ServerErrorFraction", ServerErrorFraction), ("LostResponseFraction", LostResponseFraction) })
        {
            if (fraction is < 0 or > 1 || double.IsNaN(fraction))
            {
                throw new InvalidOperationException($"StripeEmulator:{name} must be between 0 and 1; got {fraction}.");
            }
        }

        if (RateLimitFraction + ServerErrorFraction > 1)
        {
            throw new InvalidOperationException("StripeEmulator: RateLimitFraction + ServerErrorFraction must not exceed 1.");
        }

        if (DataDirectory is not null && string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new InvalidOperationException("StripeEmulator:DataDirectory must name a folder, or be left out to keep the state in memory.");
        }

        foreach (var customer in Customers)
        {
            if (!customer.Id.StartsWith("cus_", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"StripeEmulator:Customers: ids start with 'cus_'; got '{customer.Id}'.");
            }
        }
    }
}
