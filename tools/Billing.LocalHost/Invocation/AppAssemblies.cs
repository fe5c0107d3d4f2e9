using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace Billing.LocalHost.Invocation;

/// <summary>
/// Loads an app's assembly into the default context. The Billing.Functions app is referenced by
/// the host, so it is already there; another app (a test app given with <c>--app</c>) is loaded
/// from its directory, and what it depends on and the host lacks is resolved from its deps.json.
/// Shared assemblies (the worker's, ASP.NET Core's, Durable Task's) are the host's, so the types
/// the host binds (FunctionContext, HttpRequest, TaskOrchestrationContext) are the app's too.
/// </summary>
internal static class AppAssemblies
{
    private static readonly ConcurrentDictionary<string, bool> Resolvers = new(StringComparer.Ordinal);

    public static Assembly Load(string assemblyPath)
    {
        var name = new AssemblyName(Path.GetFileNameWithoutExtension(assemblyPath));
        try
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (FileNotFoundException) when (File.Exists(assemblyPath))
        {
            var full = Path.GetFullPath(assemblyPath);
            if (Resolvers.TryAdd(full, true))
            {
                var resolver = new AssemblyDependencyResolver(full);
                AssemblyLoadContext.Default.Resolving += (context, dependency) =>
                    resolver.ResolveAssemblyToPath(dependency) is { } path ? context.LoadFromAssemblyPath(path) : null;
            }

            return AssemblyLoadContext.Default.LoadFromAssemblyPath(full);
        }
    }
}
