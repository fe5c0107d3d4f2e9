namespace Billing.Functions.Hosting;

/// <summary>
/// The <c>authLevel</c> an HTTP function's function.json declares, as endpoint metadata. The
/// Functions host (locally, the local runtime's HTTP front) enforces it before a request reaches
/// the app; the app only states it, in its OpenAPI document (<see cref="PublicApiDocument"/>).
/// A test checks every endpoint's against its function.json.
/// </summary>
internal enum FunctionAuth
{
    /// <summary><c>"authLevel": "anonymous"</c>: no key (Stripe's webhook proves itself by its signature instead).</summary>
    Anonymous,

    /// <summary><c>"authLevel": "function"</c>: a function or host key, in header <c>x-functions-key</c> or query <c>code</c>.</summary>
    FunctionKey,
}
