namespace Billing.LocalHost.Invocation;

/// <summary>
/// What a trigger hands to one invocation: a converter for the trigger parameter (to whatever type
/// the method declares), the binding data (named values other parameters bind to, and
/// <c>FunctionContext.BindingContext.BindingData</c>), and the invocation log's item.
/// </summary>
/// <param name="Convert">The trigger value as the requested type; throws <see cref="NotSupportedException"/> for a type it cannot give.</param>
/// <param name="Services">Extra values bound by type (an <c>HttpRequest</c>, a <c>TaskOrchestrationContext</c>), checked before the binding data.</param>
internal sealed record TriggerInput(
    string Item,
    Func<Type, object?> Convert,
    IReadOnlyDictionary<string, object?> BindingData,
    IReadOnlyList<object>? Services = null,
    int RetryCount = 0,
    int MaxRetryCount = 0);
