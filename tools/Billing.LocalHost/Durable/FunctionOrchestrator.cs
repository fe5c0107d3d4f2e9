using Billing.LocalHost.Invocation;
using Microsoft.DurableTask;

namespace Billing.LocalHost.Durable;

/// <summary>
/// An <c>orchestrationTrigger</c> function as a Durable Task orchestrator: each execution (and
/// replay) invokes the function's wrapper method with the <see cref="TaskOrchestrationContext"/>,
/// as Durable Functions does; the wrapper reads its input from the context
/// (<see cref="FunctionOrchestrationContext"/>). Its continuations stay
/// on the executor's scheduler, as orchestrator code requires.
/// </summary>
internal sealed class FunctionOrchestrator(FunctionMethod function, FunctionInvoker invoker) : ITaskOrchestrator
{
    public Type InputType => typeof(object);

    public Type OutputType => typeof(object);

    public Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        var functionContext = new FunctionOrchestrationContext(context, input);
        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["instanceId"] = context.InstanceId };
        var trigger = new TriggerInput(
            context.InstanceId,
            type => type.IsInstanceOfType(functionContext) ? functionContext : FunctionMethod.ConvertValue(input, type),
            data,
            [functionContext]);
        return invoker.CallAsync(function, trigger, CancellationToken.None, onCapturedContext: true);
    }
}
