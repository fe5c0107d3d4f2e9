using Billing.StripeEmulator.Webhooks;

namespace Billing.StripeEmulator.Persistence;

/// <summary>A <see cref="DeliveryAttempt"/> of an event in the state file: when (Unix seconds), the status it got and the error, if any.</summary>
internal sealed record AttemptState(long At, int? Status, string? Error)
{
    public static AttemptState From(DeliveryAttempt attempt) => new(attempt.At, attempt.StatusCode, attempt.Error);

    public DeliveryAttempt ToAttempt() => new(At, Status, Error);
}
