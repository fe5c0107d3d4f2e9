using Billing.LocalHost.Invocation;
using Billing.LocalHost.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Billing.LocalHost.Http;

/// <summary>An HTTP function's route under the host's prefix, matched like an ASP.NET route template.</summary>
internal sealed class HttpRoute
{
    private readonly TemplateMatcher matcher;

    public HttpRoute(FunctionMethod function)
    {
        Function = function;
        Binding = (HttpTriggerBinding)function.Metadata.Trigger;
        try
        {
            matcher = new TemplateMatcher(TemplateParser.Parse(Binding.Route), new RouteValueDictionary());
        }
        catch (ArgumentException e)
        {
            throw new FunctionAppModelException(FunctionAppModel.MetadataFileName, $"{function.Name}.route", $"\"{Binding.Route}\" is not a valid route template: {e.Message}");
        }
    }

    public FunctionMethod Function { get; }

    public HttpTriggerBinding Binding { get; }

    /// <param name="path">The request path after the route prefix, e.g. <c>/customers/cus_A/usage</c>.</param>
    /// <returns>The route values, or null when the method or the path does not match.</returns>
    public RouteValueDictionary? Match(string method, PathString path)
    {
        if (Binding.Methods is not null && !Binding.Methods.Contains(method, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        var values = new RouteValueDictionary();
        return matcher.TryMatch(path, values) ? values : null;
    }
}
