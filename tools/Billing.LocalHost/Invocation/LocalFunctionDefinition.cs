using System.Collections.Immutable;
using Billing.LocalHost.Metadata;
using Microsoft.Azure.Functions.Worker;

namespace Billing.LocalHost.Invocation;

/// <summary>A function's definition as <see cref="FunctionContext.FunctionDefinition"/> shows it: name, entry point, assembly.</summary>
internal sealed class LocalFunctionDefinition(FunctionMetadata metadata, string pathToAssembly) : FunctionDefinition
{
    public override ImmutableArray<FunctionParameter> Parameters { get; } = [];

    public override string PathToAssembly { get; } = pathToAssembly;

    public override string EntryPoint { get; } = metadata.EntryPoint;

    public override string Id { get; } = metadata.Name;

    public override string Name { get; } = metadata.Name;

    public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; } = ImmutableDictionary<string, BindingMetadata>.Empty;

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; } = ImmutableDictionary<string, BindingMetadata>.Empty;
}
