namespace Billing.Invoicing.Runs;

/// <summary>What an orchestration does when a step fails after its retries: report it, then wait out the technical back-off.</summary>
internal static class Stalls
{
    public static async Task ReportAsync(TaskOrchestrationContext context, StallInput stall, TaskOptions options)
    {
        try
        {
            await context.CallActivityAsync(BillingTasks.ReportStall, stall, options);
        }
        catch (TaskFailedException)
        {
            // Storage is failing too: the run still waits and tries again rather than failing for good
            // (a failed instance would hold its subscription's lock until a person stepped in).
        }

        await context.CreateTimer(stall.RetryAfter, CancellationToken.None);
    }
}
