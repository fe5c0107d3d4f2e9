namespace Billing.Functions.Hosting;

/// <summary>A query parameter of a <see cref="PublicEndpoint"/>, as the OpenAPI document states it.</summary>
/// <param name="Type">Its JSON Schema type: <c>string</c> or <c>integer</c>.</param>
/// <param name="Required">The operation refuses a request without it (400).</param>
internal sealed record QueryParameter(string Name, string Description, string Type = "string", bool Required = false);
