using Billing.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary><c>GET /api/openapi.json</c> (anonymous): the OpenAPI document of the public HTTP API (<see cref="PublicApiDocument"/>).</summary>
public sealed class OpenApiFunction
{
    [Function("OpenApi")]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PublicApiDocument.Route)] HttpRequest request) =>
        TypedResults.Text(PublicApiDocument.Build(request).ToJsonString(), "application/json");
}
