using System.Reflection;
using Billing.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Tests;

/// <summary>
/// The app's HTTP functions as the Functions host serves them, for tests: every method with a
/// <c>[Function]</c> and an <c>[HttpTrigger]</c>, mapped at <c>/api/{route}</c> for its methods.
/// Each request activates the function class from the app's services (as the worker does),
/// binds <see cref="HttpRequest"/>, <see cref="CancellationToken"/> and route values by name, and
/// executes the <see cref="IResult"/> it returns. Function keys are the host's business, not
/// checked here (the local host's tests cover them).
/// </summary>
internal static class HttpFunctions
{
    /// <summary>Every HTTP function of the app: name, method (upper case), route, auth level.</summary>
    public static IReadOnlyList<(string Name, string Method, string Route, AuthorizationLevel AuthLevel, MethodInfo Run)> All { get; } = Find();

    public static WebApplication MapHttpFunctions(this WebApplication app)
    {
        foreach (var (_, method, route, _, run) in All)
        {
            app.MapMethods("/api/" + route, [method], (HttpContext context) => InvokeAsync(context, run));
        }

        return app;
    }

    private static async Task InvokeAsync(HttpContext context, MethodInfo run)
    {
        var function = ActivatorUtilities.CreateInstance(context.RequestServices, run.DeclaringType!);
        var arguments = run.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => context.Request,
            var t when t == typeof(CancellationToken) => context.RequestAborted,
            var t when t == typeof(Microsoft.DurableTask.Client.DurableTaskClient) => context.RequestServices.GetService<Microsoft.DurableTask.Client.DurableTaskClient>(),
            var t when t == typeof(string) => (object?)context.GetRouteValue(p.Name!)?.ToString(),
            _ => throw new InvalidOperationException($"{run.DeclaringType!.Name}.{run.Name}: no binding for {p.Name}"),
        }).ToArray();
        var result = run.Invoke(function, arguments) switch
        {
            Task<IResult> pending => await pending,
            IResult done => done,
            var other => throw new InvalidOperationException($"{run.DeclaringType!.Name}.{run.Name} returned {other?.GetType().Name ?? "null"}, not an IResult"),
        };
        await result.ExecuteAsync(context);
    }

    private static List<(string, string, string, AuthorizationLevel, MethodInfo)> Find() =>
        [.. from type in typeof(BillingApp).Assembly.GetTypes()
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            let function = method.GetCustomAttribute<FunctionAttribute>()
            let trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).SingleOrDefault(a => a is not null)
            where function is not null && trigger is not null
            from verb in trigger.Methods ?? ["get", "post"]
            select (function.Name, verb.ToUpperInvariant(), trigger.Route!, trigger.AuthLevel, method)];
}
