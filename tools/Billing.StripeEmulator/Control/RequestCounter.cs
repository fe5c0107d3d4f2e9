using System.Collections.Concurrent;

namespace Billing.StripeEmulator.Control;

/// <summary>
/// API requests received, by route (<c>POST /v1/invoices/{id}/finalize</c>), retries and
/// refused requests included, for "Stripe calls per invoice" measurements; and the faults injected.
/// </summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, long> byRoute = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> faults = new(StringComparer.Ordinal);

    public void Count(string route) => byRoute.AddOrUpdate(route, 1, (_, n) => n + 1);

    public void CountFault(string fault) => faults.AddOrUpdate(fault, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, long> ByRoute => new SortedDictionary<string, long>(byRoute, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long> Faults => new SortedDictionary<string, long>(faults, StringComparer.Ordinal);

    public long Total => byRoute.Values.Sum();

    public void Clear()
    {
        byRoute.Clear();
        faults.Clear();
    }
}
