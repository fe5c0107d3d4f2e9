using System.Text.Json;
using Billing.Domain.Ports;

namespace Billing.Functions.Tests.Invoicing;

/// <summary>
/// The app's publisher of outbound events, failing as a storage hiccup would: its first
/// <paramref name="failures"/> calls, then those <see cref="FailNext"/> asks for.
/// </summary>
internal sealed class FlakyOutboundEvents(IOutboundEvents inner, int failures) : IOutboundEvents
{
    private readonly Lock gate = new();
    private int calls;
    private string? failType;

    /// <summary>Calls that failed so far.</summary>
    public int Failed { get; private set; }

    /// <summary>Fails the next publish of <paramref name="type"/>.</summary>
    public void FailNext(string type)
    {
        lock (gate)
        {
            failType = type;
        }
    }

    public Task<string> PublishAsync(string type, string key, JsonElement data, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (++calls <= failures || failType == type)
            {
                failType = null;
                Failed++;
                throw new InvalidOperationException($"Simulated storage failure while publishing {key}.");
            }
        }

        return inner.PublishAsync(type, key, data, cancellationToken);
    }
}
