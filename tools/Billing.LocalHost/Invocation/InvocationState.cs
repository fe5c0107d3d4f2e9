using Microsoft.DurableTask.Client;

namespace Billing.LocalHost.Invocation;

/// <summary>What one invocation's parameter binders draw on.</summary>
internal sealed record InvocationState(TriggerInput Input, LocalFunctionContext Context, DurableTaskClient? DurableClient, CancellationToken CancellationToken);
