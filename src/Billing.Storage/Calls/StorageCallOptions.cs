using Azure.Core;

namespace Billing.Storage.Calls;

/// <summary>
/// How long one storage request may take (settings section <see cref="Section"/>, beside
/// <see cref="StorageNames.Prefix"/>). The SDK's defaults (100 s a try, 4 tries, backing off up to a
/// minute) let a storage that stops answering hold an API request for minutes; these bound every
/// request of the app, retries included, so that an API answers 503 within seconds and a trigger
/// fails and is retried by its runtime. One budget for all callers: the usage store's writer
/// commits API requests and files in the same transactions.
/// </summary>
public sealed class StorageCallOptions
{
    public const string Section = StorageNames.Section;

    /// <summary>A healthy storage answers in milliseconds; a try this slow is abandoned and tried again.</summary>
    public static readonly TimeSpan DefaultTryTimeout = TimeSpan.FromSeconds(4);

    /// <summary>Two tries of <see cref="DefaultTryTimeout"/> with a back-off between: 503 within 10 s of a freeze.</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(8);

    public const int DefaultMaxRetries = 3;

    /// <summary>Longest wait for one try's answer (the SDK's <c>NetworkTimeout</c>; an upload's body counts). Default 4 s.</summary>
    public TimeSpan TryTimeout { get; set; } = DefaultTryTimeout;

    /// <summary>
    /// Longest time one storage request takes, every try and back-off included: past it the request
    /// fails with <see cref="StorageUnavailableException"/> (no answer) or with the last error
    /// answer. Default 8 s; at least <see cref="TryTimeout"/>.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = DefaultCallTimeout;

    /// <summary>
    /// Retries after the first try (of timeouts, 408, 429, 5xx and network errors), backing off from
    /// 0.5 s to at most 2 s, while <see cref="CallTimeout"/> leaves time for them. Default 3.
    /// </summary>
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    public void Validate()
    {
        if (TryTimeout <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Storage:TryTimeout must be positive; got {TryTimeout}.");
        }

        if (CallTimeout < TryTimeout)
        {
            throw new InvalidOperationException($"Storage:CallTimeout must be at least Storage:TryTimeout ({TryTimeout}); got {CallTimeout}.");
        }

        if (MaxRetries is < 0 or > 10)
        {
            throw new InvalidOperationException($"Storage:MaxRetries must be between 0 and 10; got {MaxRetries}.");
        }
    }

    /// <summary>Gives a storage client these bounds (its retry policy and network timeout); returns it.</summary>
    /// <param name="time">Real time (never a test clock), which the budget is measured on.</param>
    public T Apply<T>(T clientOptions, TimeProvider time)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(clientOptions);
        Validate();
        clientOptions.Retry.NetworkTimeout = TryTimeout;
        clientOptions.Retry.MaxRetries = MaxRetries;
        clientOptions.RetryPolicy = new StorageCallPolicy(this, time);
        return clientOptions;
    }
}
