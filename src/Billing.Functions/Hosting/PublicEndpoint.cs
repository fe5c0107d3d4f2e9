namespace Billing.Functions.Hosting;

/// <summary>One operation of the public HTTP API, as <see cref="PublicApiDocument"/> describes it.</summary>
/// <param name="Function">The function's name (its <c>[Function]</c>), the operation id.</param>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Route">The route under <c>/api</c>, as in the function's trigger (<c>customers/{id}/usage</c>).</param>
/// <param name="Auth">The trigger's <c>AuthorizationLevel</c>, which the host enforces.</param>
/// <param name="Summary">One line for a person.</param>
/// <param name="Responses">Status → body type (null: no body), the success first.</param>
/// <param name="Query">Its query parameters.</param>
/// <param name="RequestBody">The JSON body's type, or null when there is none or it is not JSON-shaped (meter events take NDJSON too).</param>
/// <param name="Html">The answers, errors included, are HTML pages (the dashboard and portal), not JSON.</param>
internal sealed record PublicEndpoint(
    string Function,
    string Method,
    string Route,
    FunctionAuth Auth,
    string Summary,
    IReadOnlyList<(int Status, Type? Body)> Responses,
    IReadOnlyList<QueryParameter>? Query = null,
    Type? RequestBody = null,
    bool Html = false);
