using Microsoft.Azure.Functions.Worker;

namespace Billing.LocalHost.Invocation;

/// <summary>The trigger's binding data, as the Functions host sends it (JSON values as JSON text).</summary>
internal sealed class LocalBindingContext(IReadOnlyDictionary<string, object?> bindingData) : BindingContext
{
    public override IReadOnlyDictionary<string, object?> BindingData { get; } = bindingData;
}
