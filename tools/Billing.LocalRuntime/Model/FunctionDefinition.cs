namespace Billing.LocalRuntime.Model;

/// <summary>One function: the folder name is its name; its <c>function.json</c> names the trigger.</summary>
/// <param name="Disabled"><c>"disabled": true</c> in function.json, or the setting <c>AzureWebJobs.&lt;Name&gt;.Disabled</c> true.</param>
public sealed record FunctionDefinition(string Name, string FilePath, TriggerBinding Trigger, bool Disabled);
