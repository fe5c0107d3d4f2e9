namespace Billing.Stripe;

/// <summary>One line of an invoice as Stripe holds it. <see cref="Amount"/> in minor units (negative for a credit).</summary>
/// <param name="Metadata">What the gateway wrote on the line: <c>invoice_id</c>, <c>line</c> (0-based index in the draft), <c>price</c>, <c>meter</c>.</param>
public sealed record StripeLineSnapshot(string Id, long Amount, IReadOnlyDictionary<string, string> Metadata);
