using Billing.Domain.Invoicing;

namespace Billing.Domain.Ports;

/// <summary>Where invoice runs are requested (the InvoiceRun function's work).</summary>
public interface IInvoiceRunQueue
{
    /// <param name="delay">How long the request waits before it is delivered; none by default.</param>
    Task EnqueueInvoiceRunAsync(InvoiceRunRequest request, CancellationToken cancellationToken, TimeSpan? delay = null);
}
