using System.Text.Json.Serialization;

namespace Billing.Invoicing;

/// <summary>What a Reconcile run did.</summary>
public sealed record ReconcileReport(
    [property: JsonPropertyName("checked")] int Checked,
    [property: JsonPropertyName("resumed")] int Resumed,
    [property: JsonPropertyName("payments_retried")] int PaymentsRetried,
    [property: JsonPropertyName("webhook_attempts_sent_again")] int WebhookAttemptsSentAgain = 0);
