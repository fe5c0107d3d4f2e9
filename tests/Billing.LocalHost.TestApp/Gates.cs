using System.Collections.Concurrent;

namespace Billing.LocalHost.TestApp;

/// <summary>Named gates: a function that passes one waits until the test opens it, and says when it got there.</summary>
public sealed class Gates
{
    private readonly ConcurrentDictionary<string, (TaskCompletionSource Entered, TaskCompletionSource Opened)> gates = new();

    public Task Entered(string name) => Get(name).Entered.Task;

    public void Open(string name) => Get(name).Opened.TrySetResult();

    public async Task PassAsync(string name, CancellationToken cancellationToken)
    {
        var gate = Get(name);
        gate.Entered.TrySetResult();
        await gate.Opened.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private (TaskCompletionSource Entered, TaskCompletionSource Opened) Get(string name) =>
        gates.GetOrAdd(name, _ => (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously)));
}
