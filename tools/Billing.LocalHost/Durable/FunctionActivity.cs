using Billing.LocalHost.Invocation;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Durable;

/// <summary>
/// An <c>activityTrigger</c> function as a Durable Task activity: the input is deserialized to the
/// wrapper's trigger parameter type and the wrapper invoked with it, the instance id as
/// <c>instanceId</c> and a <c>FunctionContext</c>, as Durable Functions does. A failure is logged as
/// an error (the console shows it) and rethrown, so the orchestration sees it as a failed task.
/// </summary>
internal sealed partial class FunctionActivity(FunctionMethod function, FunctionInvoker invoker, CancellationToken aborting, ILogger logger) : ITaskActivity
{
    public Type InputType { get; } = function.Method.GetParameters()
        .FirstOrDefault(p => string.Equals(p.Name, function.Metadata.Trigger.Name, StringComparison.OrdinalIgnoreCase))?.ParameterType ?? typeof(object);

    public Type OutputType => typeof(object);

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["instanceId"] = context.InstanceId };
        var trigger = new TriggerInput(context.InstanceId, type => FunctionMethod.ConvertValue(input, type), data, [context]);
        try
        {
            return await invoker.CallAsync(function, trigger, aborting).ConfigureAwait(false);
        }
        catch (Exception e) when (!aborting.IsCancellationRequested)
        {
            LogFailed(logger, e, function.Name, context.InstanceId, ErrorText.Of(e));
            throw;
        }
    }

    [LoggerMessage(EventId = 1801, Level = LogLevel.Error, Message = "{Function} (activity of {InstanceId}) failed: {Error}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string instanceId, string error);
}
