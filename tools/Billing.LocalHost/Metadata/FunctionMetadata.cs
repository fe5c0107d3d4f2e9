namespace Billing.LocalHost.Metadata;

/// <summary>One function of <c>functions.metadata</c>, as the Functions host reads it.</summary>
/// <param name="ScriptFile">The assembly, relative to the app directory (e.g. <c>Billing.Functions.dll</c>).</param>
/// <param name="EntryPoint"><c>Namespace.Class.Method</c>: the method the host invokes.</param>
/// <param name="DurableClients">Names of the method's <c>durableClient</c> input bindings.</param>
/// <param name="Disabled">The setting <c>AzureWebJobs.&lt;Name&gt;.Disabled</c> is true.</param>
public sealed record FunctionMetadata(
    string Name,
    string ScriptFile,
    string EntryPoint,
    TriggerBinding Trigger,
    IReadOnlyList<string> DurableClients,
    bool Disabled);
