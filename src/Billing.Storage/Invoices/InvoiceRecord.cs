using Azure;
using Billing.Domain.Invoicing;

namespace Billing.Storage.Invoices;

/// <summary>
/// An invoice and the state of the run that issues it: one row of table <c>invoices</c>
/// (partition = customer, row = <see cref="Id"/>). Amounts in minor units.
/// </summary>
/// <param name="Id">Deterministic: <c>{subscription}.{period start}.{create|cycle|threshold{n}}</c> (<see cref="InvoiceIds"/>).</param>
/// <param name="PeriodStart">The usage period the invoice bills, Unix seconds.</param>
/// <param name="Status">Our copy of Stripe's status; only moves forward (<see cref="InvoiceStatuses.Later"/>).</param>
/// <param name="PaymentAttempts">Stripe's <c>attempt_count</c>, the highest seen.</param>
/// <param name="LastPaymentError">Why the last attempt failed; null when none failed or the invoice is paid.</param>
public sealed record InvoiceRecord(
    string Id,
    string Customer,
    string Subscription,
    BillingReason Reason,
    long PeriodStart,
    long PeriodEnd,
    string Currency,
    IReadOnlyList<InvoiceLineRecord> Lines,
    InvoiceStatus Status,
    RunStep Step,
    string? StripeInvoiceId,
    int PaymentAttempts,
    string? LastPaymentError,
    DateTimeOffset? LastPaymentAttemptAt,
    DateTimeOffset CreatedAt,
    ETag ETag)
{
    /// <summary>When the row was last written (Table Storage's timestamp); <see cref="CreatedAt"/> before it is stored.</summary>
    public DateTimeOffset UpdatedAt { get; init; } = CreatedAt;


    public long Total => Lines.Sum(l => l.Amount);

    /// <summary>The run still has steps to do.</summary>
    public bool InFlight => Step != RunStep.Completed;
}
