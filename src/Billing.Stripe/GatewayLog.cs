namespace Billing.Stripe;

/// <summary>The gateway's log messages (event ids 600–619). Never keys, secrets or idempotency keys.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Stripe customer {CustomerId} is {Status}")]
    public static partial void CustomerNotUsable(ILogger logger, string customerId, CustomerStatus status);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Stripe draft invoice {StripeInvoiceId} for {Subscription} ({Reason}, invoice {InvoiceId})")]
    public static partial void DraftCreated(ILogger logger, string stripeInvoiceId, string subscription, string reason, string invoiceId);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Stripe invoice {StripeInvoiceId}: {Lines} lines added in {Requests} requests, total {Total}")]
    public static partial void LinesAdded(ILogger logger, string stripeInvoiceId, int lines, int requests, long total);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Stripe invoice {InvoiceId} finalized: {Status}, total {Total}")]
    public static partial void Finalized(ILogger logger, string invoiceId, string status, long total);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "Stripe invoice {InvoiceId} paid: {Amount}")]
    public static partial void Paid(ILogger logger, string invoiceId, long amount);

    [LoggerMessage(EventId = 605, Level = LogLevel.Warning, Message = "Stripe invoice {InvoiceId} not paid: {Outcome} ({Code})")]
    public static partial void NotPaid(ILogger logger, string invoiceId, string outcome, string? code);

    [LoggerMessage(EventId = 606, Level = LogLevel.Debug, Message = "Stripe events since {Since}: {Count}")]
    public static partial void EventsListed(ILogger logger, DateTimeOffset? since, int count);

    [LoggerMessage(EventId = 610, Level = LogLevel.Warning, Message = "Stripe webhook rejected: {Reason}")]
    public static partial void WebhookRejected(ILogger logger, string reason);
}
