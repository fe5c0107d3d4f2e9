using Billing.Invoicing.Clock;
using Billing.Invoicing.Workflows;
using Microsoft.DurableTask.Client;

namespace Billing.Functions.Triggers;

/// <summary>A timer function runs the same <see cref="IDueTimer"/> the test clock runs, so both report it alike.</summary>
internal static partial class DueTimerFunction
{
    public static async Task RunAsync(IEnumerable<IDueTimer> timers, string function, bool isPastDue, DurableTaskClient client, ILogger logger, CancellationToken cancellationToken)
    {
        var timer = timers.Single(t => t.FunctionName == function);
        var run = await timer.RunAsync(new TimerRun(isPastDue), client, cancellationToken).ConfigureAwait(false);
        LogRan(logger, function, run.Message, isPastDue ? " (past due)" : string.Empty);
    }

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "{Function}: {Message}{PastDue}")]
    private static partial void LogRan(ILogger logger, string function, string message, string pastDue);
}
