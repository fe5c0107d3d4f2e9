namespace Billing.Domain.Invoicing;

/// <summary>Wire names and the order of <see cref="InvoiceStatus"/>.</summary>
public static class InvoiceStatuses
{
    /// <summary>Stripe's spelling: draft, open, uncollectible, paid, void.</summary>
    public static string ToWire(this InvoiceStatus status) => status switch
    {
        InvoiceStatus.Draft => "draft",
        InvoiceStatus.Open => "open",
        InvoiceStatus.Uncollectible => "uncollectible",
        InvoiceStatus.Paid => "paid",
        InvoiceStatus.Void => "void",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? wire, out InvoiceStatus status)
    {
        status = wire switch
        {
            "draft" => InvoiceStatus.Draft,
            "open" => InvoiceStatus.Open,
            "uncollectible" => InvoiceStatus.Uncollectible,
            "paid" => InvoiceStatus.Paid,
            "void" => InvoiceStatus.Void,
            _ => (InvoiceStatus)(-1),
        };
        return status >= 0;
    }

    /// <summary>Paid and void end an invoice's life; nothing moves it afterwards.</summary>
    public static bool IsFinal(this InvoiceStatus status) => status is InvoiceStatus.Paid or InvoiceStatus.Void;

    /// <summary>
    /// The status after learning <paramref name="reported"/> while holding <paramref name="current"/>:
    /// the higher of the two, so a late or repeated report never moves an invoice backwards. Between
    /// the two final statuses the first one reached stays (Stripe allows neither paid → void nor void → paid).
    /// </summary>
    public static InvoiceStatus Later(InvoiceStatus current, InvoiceStatus reported) =>
        current.IsFinal() || reported <= current ? current : reported;
}
