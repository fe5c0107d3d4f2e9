namespace Billing.Domain.Reconciliation;

/// <summary>Reason codes of run incidents (docs/contracts.md §7).</summary>
public static class IncidentReasons
{
    /// <summary>The run's Stripe invoice vanished (deleted, voided) twice: the run ended without an invoice at Stripe.</summary>
    public const string StripeObjectMissing = "stripe_object_missing";

    /// <summary>A step of the run kept failing after its retries; the run tries it again after a back-off.</summary>
    public const string RunStalled = "run_stalled";
}
