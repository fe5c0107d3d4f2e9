namespace Billing.Testing;

/// <summary>When <see cref="CrashingStripeHandler"/> kills a Stripe request.</summary>
public enum CrashMoment
{
    /// <summary>Before the request is sent: Stripe never sees it.</summary>
    BeforeRequest,

    /// <summary>After the response arrives: Stripe executed the request, but the caller never learns the answer.</summary>
    AfterResponse,
}
