using Billing.Domain.Invoicing;

namespace Billing.Invoicing.Tests;

/// <summary>Which outbound events an invoice's state owes (docs/contracts.md §8), and under which keys.</summary>
public sealed class InvoiceEventsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 20, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<RunStep, InvoiceStatus, int, string?, string> States => new()
    {
        // Nothing before our ledger has the invoice, whatever Stripe already said.
        { RunStep.Finalized, InvoiceStatus.Paid, 1, null, "" },
        { RunStep.LinesAdded, InvoiceStatus.Draft, 0, null, "" },
        { RunStep.Recorded, InvoiceStatus.Open, 0, null, "invoice.created:inv" },
        { RunStep.Recorded, InvoiceStatus.Paid, 0, null, "invoice.created:inv invoice.paid:inv" },
        { RunStep.Completed, InvoiceStatus.Paid, 1, null, "invoice.created:inv invoice.paid:inv" },
        { RunStep.Completed, InvoiceStatus.Open, 1, "declined: card_declined", "invoice.created:inv invoice.payment_failed:inv:1" },
        { RunStep.Completed, InvoiceStatus.Open, 3, "requires_action: authenticate", "invoice.created:inv invoice.payment_failed:inv:3" },
        { RunStep.Completed, InvoiceStatus.Open, 1, null, "invoice.created:inv" },
        { RunStep.Completed, InvoiceStatus.Void, 1, null, "invoice.created:inv" },
        { RunStep.Completed, InvoiceStatus.Uncollectible, 4, "declined: card_declined", "invoice.created:inv" },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void Owed_State_TheEventsItImplies(RunStep step, InvoiceStatus status, int attempts, string? error, string keys)
    {
        var invoice = new Invoice(
            "inv", "cus_A", "sub_A", BillingReason.SubscriptionThreshold, 0, 100, "usd", [], status, step, "in_1", attempts, error, null, T0, null);

        var owed = InvoiceEvents.Owed(invoice);

        Assert.Equal(keys, string.Join(' ', owed.Select(e => e.Key)));
        Assert.All(owed, e => Assert.StartsWith(e.Type + ":", e.Key, StringComparison.Ordinal));
    }
}
