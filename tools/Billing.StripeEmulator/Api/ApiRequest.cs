namespace Billing.StripeEmulator.Api;

/// <summary>One API request as a handler sees it: its parameters, its route values and who made it.</summary>
internal sealed record ApiRequest(FormParameters Parameters, RouteValueDictionary RouteValues, RequestContext Context)
{
    public string Route(string name) => RouteValues[name] as string ?? throw new InvalidOperationException($"The route has no '{name}' value.");
}
