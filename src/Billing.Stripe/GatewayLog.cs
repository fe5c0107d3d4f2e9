namespace Billing.Stripe;

/// <summary>The gateway's log messages (event ids 600–619). Never keys, secrets or idempotency keys.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Stripe customer {CustomerId} is {Status}")]
    public static partial void CustomerNotUsable(ILogger logger, string customerId, CustomerStatus status);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Stripe draft invoice {InvoiceId} for {Subscription} ({Reason}, run {RunId})")]
    public static partial void DraftCreated(ILogger logger, string invoiceId, string subscription, string reason, string runId);

    [LoggerMessage(EventId = 602, Level = LogLevel.Debug, Message = "Stripe invoice item {ItemId} on {InvoiceId}: line {Line}, {Amount} {Currency}")]
    public static partial void LineAdded(ILogger logger, string itemId, string invoiceId, int line, long amount, string currency);

    [LoggerMessage(EventId = 603, Level = LogLevel.Information, Message = "Stripe invoice {InvoiceId} finalized: {Status}, total {Total}")]
    public static partial void Finalized(ILogger logger, string invoiceId, string status, long total);

    [LoggerMessage(EventId = 604, Level = LogLevel.Information, Message = "Stripe invoice {InvoiceId} paid: {Amount}")]
    public static partial void Paid(ILogger logger, string invoiceId, long amount);

    [LoggerMessage(EventId = 605, Level = LogLevel.Warning, Message = "Stripe invoice {InvoiceId} not paid: {Outcome} ({Code})")]
    public static partial void NotPaid(ILogger logger, string invoiceId, string outcome, string? code);

    [LoggerMessage(EventId = 610, Level = LogLevel.Warning, Message = "Stripe webhook rejected: {Reason}")]
    public static partial void WebhookRejected(ILogger logger, string reason);
}
