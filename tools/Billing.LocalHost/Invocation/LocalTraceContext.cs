using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;

namespace Billing.LocalHost.Invocation;

/// <summary>The current activity's W3C trace parent, if any (the local host starts no traces of its own).</summary>
internal sealed class LocalTraceContext : TraceContext
{
    public override string TraceParent { get; } = Activity.Current?.Id ?? string.Empty;

    public override string TraceState { get; } = Activity.Current?.TraceStateString ?? string.Empty;
}
