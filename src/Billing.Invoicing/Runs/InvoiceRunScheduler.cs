using Billing.Domain.Invoicing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Billing.Invoicing.Runs;

/// <summary>
/// Starts invoice runs and payment retries as orchestrations whose instance id derives from the
/// invoice id, so that a completed, failed or terminated one is never started again: the
/// instance is looked up first (a backend may ignore dedupe statuses silently, the Azure Storage
/// provider does), then scheduled with dedupe statuses (a backend that honours them refuses a
/// race's loser), and a refused start of an instance that exists counts as started.
/// The <see cref="DurableTaskClient"/> is the host's: the one a Functions trigger gets from
/// <c>[DurableClient]</c>, or a Durable Task client of the local host or a test.
/// </summary>
public sealed partial class InvoiceRunScheduler
{
    private static readonly OrchestrationRuntimeStatus[] Finished =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    private readonly InvoicingOptions options;
    private readonly ILogger<InvoiceRunScheduler> logger;

    public InvoiceRunScheduler(IOptions<InvoicingOptions> options, ILogger<InvoiceRunScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.logger = logger;
    }

    /// <summary>The instance id of attempt <paramref name="attempt"/> of an invoice's payment.</summary>
    public static string PaymentRetryId(string invoiceId, int attempt) => $"{invoiceId}.pay{attempt}";

    /// <summary>Starts the run of <paramref name="invoice"/> (its row written, the lock taken) unless its instance exists.</summary>
    /// <returns>True when this call scheduled it.</returns>
    public Task<bool> StartRunAsync(DurableTaskClient client, Invoice invoice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return StartAsync(client, BillingTasks.InvoiceRun, invoice.Id, new InvoiceRunInput(invoice.Customer, invoice.Id, RunRetry.From(options)), cancellationToken);
    }

    /// <summary>Starts attempt <paramref name="attempt"/> of the invoice's payment unless its instance exists.</summary>
    public Task<bool> StartPaymentRetryAsync(DurableTaskClient client, Invoice invoice, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return StartAsync(
            client, BillingTasks.PaymentRetry, PaymentRetryId(invoice.Id, attempt), new PaymentRetryInput(invoice.Customer, invoice.Id, attempt, RunRetry.From(options)), cancellationToken);
    }

    private async Task<bool> StartAsync(DurableTaskClient client, string orchestrator, string instanceId, object input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                orchestrator, input, new StartOrchestrationOptions(instanceId).WithDedupeStatuses(Finished), cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The client's exception for "exists" differs by backend (InvalidOperationException, gRPC AlreadyExists): whether the instance exists decides.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            if (await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false) is null)
            {
                throw;
            }

            return false;
        }

        LogScheduled(orchestrator, instanceId);
        return true;
    }

    [LoggerMessage(EventId = 450, Level = LogLevel.Information, Message = "{Orchestrator} {Instance} scheduled")]
    private partial void LogScheduled(string orchestrator, string instance);
}
