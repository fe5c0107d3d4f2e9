namespace Billing.Testing;

/// <summary>
/// Thrown by <see cref="CrashingStripeHandler"/> to stand for the process dying in the middle of a
/// Stripe call. Stripe.net does not retry it (see the handler), so it reaches the caller unchanged.
/// </summary>
public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException()
    {
    }

    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SimulatedCrashException(int request, CrashMoment moment, string target)
        : base($"Simulated crash {(moment == CrashMoment.BeforeRequest ? "before" : "after the response of")} Stripe request {request} ({target}).")
    {
        Request = request;
        Moment = moment;
        Target = target;
    }

    /// <summary>Which <c>/v1</c> request (1-based, retries counted) the crash hit.</summary>
    public int Request { get; }

    public CrashMoment Moment { get; }

    /// <summary>The request's method and path, e.g. <c>POST /v1/invoices</c>.</summary>
    public string Target { get; } = "";
}
