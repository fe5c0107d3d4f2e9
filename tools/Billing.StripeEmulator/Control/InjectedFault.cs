namespace Billing.StripeEmulator.Control;

/// <summary>What the fault switches do to one API request.</summary>
internal enum InjectedFault
{
    None,

    /// <summary>429 <c>rate_limit</c> before the request runs.</summary>
    RateLimited,

    /// <summary>500 <c>api_error</c> before the request runs.</summary>
    ServerError,
}
