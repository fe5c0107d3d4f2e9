namespace Billing.Invoicing.Runs;

/// <summary>The input of a run's step activities: which invoice (its row holds everything else).</summary>
public sealed record InvoiceRef(string Customer, string InvoiceId);
