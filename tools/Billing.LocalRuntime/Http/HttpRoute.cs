using Billing.LocalRuntime.Model;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Billing.LocalRuntime.Http;

/// <summary>An HTTP function's route under the host's prefix, matched like an ASP.NET route template.</summary>
internal sealed class HttpRoute
{
    private readonly TemplateMatcher matcher;

    public HttpRoute(FunctionDefinition function)
    {
        Function = function;
        Binding = (HttpTriggerBinding)function.Trigger;
        try
        {
            matcher = new TemplateMatcher(TemplateParser.Parse(Binding.Route), new RouteValueDictionary());
        }
        catch (ArgumentException e)
        {
            throw new FunctionAppModelException(function.FilePath, "bindings.route", $"\"{Binding.Route}\" is not a valid route template: {e.Message}");
        }
    }

    public FunctionDefinition Function { get; }

    public HttpTriggerBinding Binding { get; }

    /// <param name="path">The request path after the route prefix, e.g. <c>/customers/cus_A/usage</c>.</param>
    public bool Matches(string method, Microsoft.AspNetCore.Http.PathString path) =>
        (Binding.Methods is null || Binding.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
        && matcher.TryMatch(path, new RouteValueDictionary());
}
