using Billing.StripeEmulator.State;

namespace Billing.StripeEmulator.Resources;

/// <summary>
/// An invoice (<c>"object": "invoice"</c>) with Stripe's field names; amounts in minor units,
/// times in Unix seconds. Like Stripe it embeds the first <see cref="EmbeddedLines"/> lines; the
/// rest are read from <c>GET /v1/invoices/{id}/lines</c>.
/// </summary>
internal sealed record InvoiceResource
{
    public const int EmbeddedLines = 10;

    public required string Id { get; init; }

    public string Object => "invoice";

    public string AccountCountry => "US";

    public string AccountName => "Stripe emulator";

    public required long AmountDue { get; init; }

    public long AmountOverpaid => 0;

    public required long AmountPaid { get; init; }

    public long AmountPaidOffStripe => 0;

    public required long AmountRemaining { get; init; }

    public long AmountShipping => 0;

    public object? Application => null;

    public required long AttemptCount { get; init; }

    public required bool Attempted { get; init; }

    public required bool AutoAdvance { get; init; }

    public AutomaticTaxResource AutomaticTax => new();

    public string BillingReason => "manual";

    public required string CollectionMethod { get; init; }

    public required long Created { get; init; }

    public required string Currency { get; init; }

    public object? CustomFields => null;

    public required string Customer { get; init; }

    public required string? CustomerEmail { get; init; }

    public required string? CustomerName { get; init; }

    public object? DefaultPaymentMethod => null;

    public required string? Description { get; init; }

    public IReadOnlyList<object> Discounts => [];

    public object? DueDate => null;

    public required long? EffectiveAt { get; init; }

    public required long? EndingBalance { get; init; }

    public object? Footer => null;

    public required string? HostedInvoiceUrl { get; init; }

    public object? InvoicePdf => null;

    public object? LastFinalizationError => null;

    public required ListResource<LineItemResource> Lines { get; init; }

    public bool Livemode => false;

    public required IReadOnlyDictionary<string, string> Metadata { get; init; }

    public object? NextPaymentAttempt => null;

    public required string? Number { get; init; }

    public required InvoiceParentResource? Parent { get; init; }

    public required long PeriodEnd { get; init; }

    public required long PeriodStart { get; init; }

    public long PostPaymentCreditNotesAmount => 0;

    public long PrePaymentCreditNotesAmount => 0;

    public object? ReceiptNumber => null;

    public required long StartingBalance { get; init; }

    public object? StatementDescriptor => null;

    public required string Status { get; init; }

    public required StatusTransitionsResource StatusTransitions { get; init; }

    public required long Subtotal { get; init; }

    public required long SubtotalExcludingTax { get; init; }

    public object? TestClock => null;

    public required long Total { get; init; }

    public IReadOnlyList<object> TotalDiscountAmounts => [];

    public required long TotalExcludingTax { get; init; }

    public IReadOnlyList<object> TotalPretaxCreditAmounts => [];

    public IReadOnlyList<object> TotalTaxes => [];

    public object? WebhooksDeliveredAt => null;

    /// <summary>A snapshot of <paramref name="invoice"/>; call it holding the store's gate.</summary>
    public static InvoiceResource From(InvoiceRecord invoice, CustomerRecord customer) => new()
    {
        Id = invoice.Id,
        AmountDue = invoice.AmountDue,
        AmountPaid = invoice.AmountPaid,
        AmountRemaining = invoice.AmountRemaining,
        AttemptCount = invoice.AttemptCount,
        Attempted = invoice.Attempted,
        AutoAdvance = invoice.AutoAdvance,
        CollectionMethod = invoice.CollectionMethod,
        Created = invoice.Created,
        Currency = invoice.Currency,
        Customer = customer.Id,
        CustomerEmail = customer.Email,
        CustomerName = customer.Name,
        Description = invoice.Description,
        EffectiveAt = invoice.FinalizedAt,
        EndingBalance = invoice.EndingBalance,
        HostedInvoiceUrl = invoice.HostedInvoiceUrl,
        Lines = new ListResource<LineItemResource>(
            [.. invoice.Lines.Take(EmbeddedLines).Select(line => LineItemResource.From(line, invoice))],
            invoice.Lines.Count > EmbeddedLines,
            $"/v1/invoices/{invoice.Id}/lines",
            invoice.Lines.Count),
        Metadata = new Dictionary<string, string>(invoice.Metadata, StringComparer.Ordinal),
        Number = invoice.Number,
        Parent = invoice.SubscriptionId is null ? null : new InvoiceParentResource(new SubscriptionDetailsResource(invoice.SubscriptionId)),
        PeriodEnd = invoice.Created,
        PeriodStart = invoice.Created,
        StartingBalance = invoice.StartingBalance,
        Status = invoice.Status.ToWire(),
        StatusTransitions = new StatusTransitionsResource(invoice.FinalizedAt, invoice.MarkedUncollectibleAt, invoice.PaidAt, invoice.VoidedAt),
        Subtotal = invoice.Subtotal,
        SubtotalExcludingTax = invoice.Subtotal,
        Total = invoice.Total,
        TotalExcludingTax = invoice.Total,
    };
}
