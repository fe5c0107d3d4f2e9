using Billing.Invoicing;
using Billing.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Billing.Functions.Triggers;

/// <summary>
/// An invoice-runs message: builds the subscription's invoice and takes its lock, then starts the
/// run as an orchestration (instance id = invoice id, started once) through the Durable client.
/// </summary>
public sealed partial class InvoiceRunFunction(InvoiceRunHandler handler, ILogger<InvoiceRunFunction> logger)
{
    [Function("InvoiceRun")]
    public async Task RunAsync(
        [QueueTrigger("invoice-runs", Connection = "AzureWebJobsStorage")] string message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var request = QueueMessage.Read(message, QueueMessages.ReadInvoiceRun, "invoice-runs");
        var invoice = await handler.HandleAsync(request, client, cancellationToken).ConfigureAwait(false);
        LogRan(request.Subscription, request.PeriodStart, request.Reason, invoice ?? "nothing to invoice");
    }

    [LoggerMessage(EventId = 204, Level = LogLevel.Information, Message = "InvoiceRun: {Subscription}@{PeriodStart} ({Reason}): {Invoice}")]
    private partial void LogRan(string subscription, long periodStart, string reason, string invoice);
}
