using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Billing.LocalHost.TestApp;

/// <summary>
/// An orchestration of activities, with the wrappers the Durable source generator would emit
/// (written by hand): the orchestrator takes the context and reads its input; the activity takes its
/// input, the instance id and a FunctionContext.
/// </summary>
public sealed class DurableFunctions(Recorder recorder, Gates gates)
{
    [Function(nameof(Flow))]
    public static async Task<string> Flow([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<FlowInput>() ?? new FlowInput([]);
        var results = new List<string>();
        foreach (var step in input.Steps)
        {
            results.Add(await context.CallActivityAsync<string>(nameof(Step), new StepInput(step)));
        }

        return string.Join('|', results);
    }

    [Function(nameof(Step))]
    public async Task<string> Step([ActivityTrigger] StepInput input, string instanceId, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);
        recorder.Add($"step {instanceId} {input.Command}");
        await Commands.RunAsync(input.Command, gates, context.CancellationToken).ConfigureAwait(false);
        recorder.Add($"step done {instanceId} {input.Command}");
        return input.Command.ToUpperInvariant();
    }
}

/// <summary>The orchestration's input: one activity per step, in order.</summary>
public sealed record FlowInput(IReadOnlyList<string> Steps);

/// <summary>An activity's input.</summary>
public sealed record StepInput(string Command);
