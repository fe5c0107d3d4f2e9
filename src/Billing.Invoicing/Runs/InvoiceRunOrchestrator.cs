namespace Billing.Invoicing.Runs;

/// <summary>
/// One invoice run (instance id = the invoice id; its row and frozen lines are written before it
/// starts) in three activities, each safe to run twice: the Stripe draft with its lines; finalize
/// and the ledger; the charge and the completion. Each activity persists every step it takes on the
/// invoice row, so a repeated one resumes after the last step done; grouping the steps three ways
/// rather than one activity per step halves the orchestration's episodes, and with them the task
/// hub's queue messages and history writes (docs/invoicing.md, "Why three activities"). It only calls activities and branches on their results. A Stripe invoice found gone is
/// superseded once (the steps run again for a fresh one) or ends the run visibly. A step that
/// still fails after its retries (<see cref="RunRetry"/>) is reported as a stall, and after a
/// durable timer of technical back-off the run starts over with <c>ContinueAsNew</c> (done steps
/// return at once), which keeps its history bounded: a Stripe outage neither loses nor
/// duplicates the invoice, and it shows. No business time is waited for here.
/// </summary>
public sealed class InvoiceRunOrchestrator : TaskOrchestrator<InvoiceRunInput, InvoiceRunResult?>
{
    private static readonly string[] Steps = [BillingTasks.Draft, BillingTasks.Finalize, BillingTasks.Pay];

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
                if (!gone.Gone)
                {
                    return new InvoiceRunResult(input.InvoiceId, gone.Status, RunOutcomes.Completed);
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

    /// <returns>The result of the step that found the Stripe invoice gone, or else of the last step.</returns>
    private static async Task<StepResult> RunStepsAsync(TaskOrchestrationContext context, InvoiceRef invoice, TaskOptions options)
    {
        StepResult? result = null;
        foreach (var step in Steps)
        {
            result = await context.CallActivityAsync<StepResult>(step, invoice, options);
            if (result.Gone)
            {
                break;
            }
        }

        return result!;
    }
}
