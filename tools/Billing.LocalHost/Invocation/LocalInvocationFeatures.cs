using System.Collections;
using Microsoft.Azure.Functions.Worker;

namespace Billing.LocalHost.Invocation;

/// <summary>A plain feature bag: the host sets no features, a function may keep its own.</summary>
internal sealed class LocalInvocationFeatures : IInvocationFeatures
{
    private readonly Dictionary<Type, object> features = [];

    public void Set<T>(T instance) => features[typeof(T)] = instance!;

    public T? Get<T>() => features.TryGetValue(typeof(T), out var value) ? (T)value : default;

    public IEnumerator<KeyValuePair<Type, object>> GetEnumerator() => features.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
