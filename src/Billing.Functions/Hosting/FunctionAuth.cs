namespace Billing.Functions.Hosting;

/// <summary>
/// The <c>authLevel</c> of an HTTP function's trigger. The Functions host (locally, the local
/// Functions host) enforces it before a request reaches the function; the app only states it, in
/// its OpenAPI document (<see cref="PublicApiDocument"/>). A test checks each against functions.metadata.
/// </summary>
internal enum FunctionAuth
{
    /// <summary><c>AuthorizationLevel.Anonymous</c>: no key (Stripe's webhook proves itself by its signature instead).</summary>
    Anonymous,

    /// <summary><c>AuthorizationLevel.Function</c>: a function or host key, in header <c>x-functions-key</c> or query <c>code</c>.</summary>
    FunctionKey,
}
