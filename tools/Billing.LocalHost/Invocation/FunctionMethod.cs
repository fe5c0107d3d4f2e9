using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Billing.LocalHost.Metadata;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.LocalHost.Invocation;

/// <summary>
/// A function's method, found by its <c>entryPoint</c> (<c>Namespace.Class.Method</c>) in its
/// <c>scriptFile</c>, with a binder per parameter, in the order the worker binds them: the
/// <see cref="CancellationToken"/>, the <see cref="FunctionContext"/>, the trigger parameter (by
/// the trigger binding's name, converted by the trigger), a <see cref="DurableTaskClient"/>,
/// values the trigger offers by type, then binding data by parameter name (route values,
/// <c>name</c>, <c>instanceId</c>, …), then the parameter's default.
/// </summary>
internal sealed class FunctionMethod
{
    /// <summary>POCOs from JSON text, as the worker's default serializer reads them.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ObjectFactory? factory;
    private readonly Func<InvocationState, object?>[] binders;

    private FunctionMethod(FunctionMetadata metadata, MethodInfo method, string assemblyPath)
    {
        Metadata = metadata;
        Method = method;
        Definition = new LocalFunctionDefinition(metadata, assemblyPath);
        factory = method.IsStatic ? null : ActivatorUtilities.CreateFactory(method.DeclaringType!, Type.EmptyTypes);
        binders = method.GetParameters().Select(p => Binder(metadata, p)).ToArray();
    }

    public FunctionMetadata Metadata { get; }

    public MethodInfo Method { get; }

    public LocalFunctionDefinition Definition { get; }

    public string Name => Metadata.Name;

    /// <exception cref="FunctionAppModelException">The assembly, class or method is not there.</exception>
    public static FunctionMethod Resolve(FunctionMetadata metadata, string appDirectory)
    {
        var assemblyPath = Path.Combine(appDirectory, metadata.ScriptFile);
        var assembly = Load(metadata, assemblyPath);
        var dot = metadata.EntryPoint.LastIndexOf('.');
        var type = dot <= 0 ? null : assembly.GetType(metadata.EntryPoint[..dot], throwOnError: false);
        var methods = type?.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Where(m => m.Name == metadata.EntryPoint[(dot + 1)..]).ToArray() ?? [];
        return methods.Length == 1
            ? new FunctionMethod(metadata, methods[0], assemblyPath)
            : throw new FunctionAppModelException(assemblyPath, metadata.Name, methods.Length == 0
                ? $"entry point {metadata.EntryPoint} not found (a public method of a public class)."
                : $"entry point {metadata.EntryPoint} is overloaded.");
    }

    /// <summary>Creates the function's class in the invocation's scope (null for a static method).</summary>
    public object? CreateInstance(IServiceProvider services) => factory?.Invoke(services, null);

    public object?[] BindArguments(InvocationState state) => binders.Select(b => b(state)).ToArray();

    /// <summary>Converts a binding-data value (a string, or JSON text for objects) to a parameter's type.</summary>
    public static object? ConvertValue(object? value, Type type)
    {
        if (value is null)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        if (type.IsInstanceOfType(value))
        {
            return value;
        }

        if (value is string text)
        {
            var converter = TypeDescriptor.GetConverter(type);
            return converter.CanConvertFrom(typeof(string)) && type != typeof(object)
                ? converter.ConvertFromString(null, CultureInfo.InvariantCulture, text)
                : JsonSerializer.Deserialize(text, type, Json);
        }

        return JsonSerializer.SerializeToElement(value, Json).Deserialize(type, Json);
    }

    private static Assembly Load(FunctionMetadata metadata, string assemblyPath)
    {
        try
        {
            return AppAssemblies.Load(assemblyPath);
        }
        catch (FileNotFoundException e)
        {
            throw new FunctionAppModelException(assemblyPath, metadata.Name, $"the function's assembly is not found: {e.Message}");
        }
    }

    private static Func<InvocationState, object?> Binder(FunctionMetadata metadata, ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        var name = parameter.Name ?? string.Empty;
        if (type == typeof(CancellationToken))
        {
            return s => s.CancellationToken;
        }

        if (type.IsAssignableFrom(typeof(LocalFunctionContext)))
        {
            return s => s.Context;
        }

        if (string.Equals(name, metadata.Trigger.Name, StringComparison.OrdinalIgnoreCase))
        {
            return s => s.Input.Convert(type);
        }

        if (type == typeof(DurableTaskClient) || metadata.DurableClients.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return s => s.DurableClient ?? throw new InvalidOperationException($"{metadata.Name}: no Durable Task client (the Durable backend is not running).");
        }

        return s =>
        {
            foreach (var service in s.Input.Services ?? [])
            {
                if (type.IsInstanceOfType(service))
                {
                    return service;
                }
            }

            if (s.Input.BindingData.TryGetValue(name, out var value))
            {
                return ConvertValue(value, type);
            }

            if (parameter.HasDefaultValue)
            {
                return parameter.DefaultValue;
            }

            return type.IsValueType ? Activator.CreateInstance(type) : null;
        };
    }
}
