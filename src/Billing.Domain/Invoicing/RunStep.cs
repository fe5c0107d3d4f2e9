namespace Billing.Domain.Invoicing;

/// <summary>
/// How far an invoice run got; each step is persisted once it succeeded, and a resumed run
/// repeats the next one (docs/invoicing.md). Declared in order.
/// </summary>
public enum RunStep
{
    /// <summary>Lines computed and frozen; nothing sent to Stripe yet.</summary>
    Built,

    /// <summary>Stripe's draft invoice exists.</summary>
    Drafted,

    /// <summary>Every line is on the Stripe invoice.</summary>
    LinesAdded,

    /// <summary>Finalized at Stripe: the invoice is issued.</summary>
    Finalized,

    /// <summary>The ledger holds what the invoice billed (written with this step, in one transaction).</summary>
    Recorded,

    /// <summary>Payment attempted (or not needed) and the subscription's run lock released.</summary>
    Completed,
}
