using Billing.Domain.Invoicing;
using Billing.Domain.Ports;
using Billing.Domain.Usage;

namespace Billing.Invoicing;

/// <summary>
/// The billed-to-date ledger as a later invoice run will find it: the stored ledger with the lines
/// of the invoices recorded before that run laid over it (an invoice preview's run in flight, or
/// a cycle invoice not built yet). Recording an invoice writes each line's cumulative quantity and
/// amount for its price and period as absolute values (<see cref="IInvoiceStore.RecordAsync"/>),
/// so laying a line over an entry that already holds it changes nothing, and a later line of the
/// same price and period replaces an earlier one, as its recording would.
/// </summary>
internal sealed class ProjectedLedger(IBilledToDateLedger stored)
{
    private readonly Dictionary<(long PeriodStart, string Price), BilledToDate> ahead = [];

    /// <summary>Lays the lines of an invoice recorded before the run this ledger is read for over the stored ledger.</summary>
    public void Record(IEnumerable<BilledLine> lines)
    {
        foreach (var line in lines)
        {
            ahead[(line.PeriodStart, line.Price)] = new BilledToDate(line.CumulativeQuantity, line.CumulativeAmount);
        }
    }

    /// <summary>What invoices will have billed of <paramref name="partition"/> by the time the run reads it, by price id.</summary>
    public async Task<IReadOnlyDictionary<string, BilledToDate>> ReadAsync(string customer, UsagePartition partition, CancellationToken cancellationToken)
    {
        var billed = await stored.ReadAsync(customer, partition, cancellationToken).ConfigureAwait(false);
        var start = partition.Period.Start.ToUnixTimeSeconds();
        if (!ahead.Keys.Any(k => k.PeriodStart == start))
        {
            return billed;
        }

        var projected = new Dictionary<string, BilledToDate>(billed, StringComparer.Ordinal);
        foreach (var ((periodStart, price), cumulative) in ahead)
        {
            if (periodStart == start)
            {
                projected[price] = cumulative;
            }
        }

        return projected;
    }
}
