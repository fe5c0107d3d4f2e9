using Billing.Invoicing.Clock;
using Microsoft.DurableTask.Client;

namespace Billing.Invoicing.Workflows;

/// <summary>ClosePeriods as a timer the test clock runs when it advances.</summary>
public sealed class ClosePeriodsTimer(ClosePeriodsHandler handler) : IDueTimer
{
    public string FunctionName => "ClosePeriods";

    public async Task<DueTimerResult> RunAsync(TimerRun run, DurableTaskClient client, CancellationToken cancellationToken)
    {
        var closed = await handler.HandleAsync(run, cancellationToken).ConfigureAwait(false);
        return new DueTimerResult(closed, $"{closed} periods handed to invoicing");
    }
}
