namespace Billing.Invoicing.Runs;

/// <summary>
/// One invoice run (instance id = the invoice id; its row and frozen lines are written before it
/// starts): draft, lines, finalize, record, pay, complete, each an activity that is safe to run
/// twice. It only calls activities and branches on their results. A Stripe invoice found gone is
/// superseded once (the steps run again for a fresh one) or ends the run visibly. A step that
/// still fails after its retries (<see cref="RunRetry"/>) is reported as a stall, and after a
/// durable timer of technical back-off the run starts over with <c>ContinueAsNew</c> (done steps
/// return at once), which keeps its history bounded: a Stripe outage neither loses nor
/// duplicates the invoice, and it shows. No business time is waited for here.
/// </summary>
public sealed class InvoiceRunOrchestrator : TaskOrchestrator<InvoiceRunInput, InvoiceRunResult?>
{
    private static readonly string[] Steps = [BillingTasks.CreateDraft, BillingTasks.AddLines, BillingTasks.Finalize, BillingTasks.Record, BillingTasks.Pay];

    public override async Task<InvoiceRunResult?> RunAsync(TaskOrchestrationContext context, InvoiceRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var options = input.Retry.ToTaskOptions();
        try
        {
            // One round per Stripe invoice: the first, and the one that supersedes it.
            for (var round = 0; round < InvoiceRunSteps.MaxStripeGenerations; round++)
            {
                var gone = await RunStepsAsync(context, input.Invoice, options);
                if (gone is null)
                {
                    return await context.CallActivityAsync<InvoiceRunResult>(BillingTasks.Complete, input.Invoice, options);
                }

                var superseded = await context.CallActivityAsync<SupersedeResult>(
                    BillingTasks.Supersede, new SupersedeInput(input.Customer, input.InvoiceId, gone.GoneStripeInvoiceId!, gone.How ?? "missing"), options);
                if (!superseded.Superseded)
                {
                    return new InvoiceRunResult(input.InvoiceId, superseded.Status, RunOutcomes.StripeObjectMissing);
                }
            }

            throw new InvalidOperationException($"Invoice {input.InvoiceId} was superseded more than {InvoiceRunSteps.MaxStripeGenerations - 1} times.");
        }
        catch (TaskFailedException failed)
        {
            await Stalls.ReportAsync(context, new StallInput(input.Customer, input.InvoiceId, BillingTasks.InvoiceRun, failed.Message, input.Retry.StallBackoff), options);
            context.ContinueAsNew(input with { Stalls = input.Stalls + 1 }, preserveUnprocessedEvents: false);
            return null;
        }
    }

    /// <returns>The step's result that found the Stripe invoice gone, or null when every step is done.</returns>
    private static async Task<StepResult?> RunStepsAsync(TaskOrchestrationContext context, InvoiceRef invoice, TaskOptions options)
    {
        foreach (var step in Steps)
        {
            var result = await context.CallActivityAsync<StepResult>(step, invoice, options);
            if (result.Gone)
            {
                return result;
            }
        }

        return null;
    }
}
