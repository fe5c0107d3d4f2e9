namespace Billing.Invoicing.Runs;

/// <summary>How an orchestration ended (<see cref="InvoiceRunResult.Outcome"/>).</summary>
public static class RunOutcomes
{
    /// <summary>The invoice is issued at Stripe (its payment attempted or not needed) and the lock released.</summary>
    public const string Completed = "completed";

    /// <summary>Its Stripe invoice vanished again after being superseded once: ended as void, with an incident.</summary>
    public const string StripeObjectMissing = Domain.Reconciliation.IncidentReasons.StripeObjectMissing;
}
