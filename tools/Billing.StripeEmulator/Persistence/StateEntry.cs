using System.Text.Json.Serialization;

namespace Billing.StripeEmulator.Persistence;

/// <summary>
/// One line of the state file after the header: what one change did, applied as a whole or (when
/// its write was cut short) not at all. Objects are written whole, as they are after the change;
/// members that did not change are left out. Applied in this order: <see cref="Reset"/>, customers,
/// items, invoices, deletions, events, attempts, given-up deliveries, idempotency keys. Members
/// that are null are left out of the line.
/// </summary>
internal sealed record StateEntry
{
    /// <summary>True: everything before this line is forgotten (<c>POST /_emulator/reset</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Reset { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<CustomerState>? Customers { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<InvoiceItemState>? Items { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<InvoiceState>? Invoices { get; init; }

    /// <summary>Invoices that vanished (<c>DELETE /_emulator/invoices/{id}</c>), with their items.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? DeletedInvoices { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<EventState>? Events { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<EventAttemptState>? Attempts { get; init; }

    /// <summary>Events whose delivery the dispatcher gave up on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? GaveUp { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<IdempotencyState>? Idempotency { get; init; }
}
