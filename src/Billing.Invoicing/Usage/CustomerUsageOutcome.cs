namespace Billing.Invoicing.Usage;

/// <summary>What <c>GET /api/customers/{id}/usage</c> answers; the HTTP layer maps it to a status code.</summary>
public abstract record CustomerUsageOutcome
{
    private CustomerUsageOutcome()
    {
    }

    /// <summary>200: the usage of the period asked for.</summary>
    public sealed record Found(CustomerUsageResponse Usage) : CustomerUsageOutcome;

    /// <summary>404 <c>customer_not_found</c>: no such customer in the catalog.</summary>
    public sealed record CustomerNotFound(string Message) : CustomerUsageOutcome;

    /// <summary>
    /// 404 <c>period_not_found</c>: <c>period_start</c> is not the start of a period, begun by the
    /// business clock, of any of the customer's subscriptions; the message names the nearest ones.
    /// </summary>
    public sealed record PeriodNotFound(string Message) : CustomerUsageOutcome;
}
