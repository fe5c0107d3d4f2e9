namespace Billing.Domain.Periods;

/// <summary>
/// A half-open UTC interval <c>[Start, End)</c>: an instant equal to <see cref="End"/> belongs to
/// the next period. There is no "23:59:59.999".
/// </summary>
public readonly record struct BillingPeriod
{
    public BillingPeriod(DateTimeOffset start, DateTimeOffset end)
    {
        Utc.Require(start, nameof(start));
        Utc.Require(end, nameof(end));
        if (end <= start)
        {
            throw new ArgumentException($"A period must end after it starts ({start:O} .. {end:O}).", nameof(end));
        }

        Start = start;
        End = end;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;

    public override string ToString() => $"[{Start:O}, {End:O})";
}
