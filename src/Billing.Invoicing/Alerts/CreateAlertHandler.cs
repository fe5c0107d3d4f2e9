using System.Security.Cryptography;
using System.Text.Json;
using Billing.Domain.Alerts;
using Billing.Domain.Catalog;
using Billing.Domain.Ports;

namespace Billing.Invoicing.Alerts;

/// <summary>
/// <c>POST /api/alerts</c>: a rule on a subscription, spend (the period's amount in minor units,
/// seats excluded) or usage (one meter's quantity), with a <c>gte</c> greater than 0. The rule is
/// judged at the next usage commit that touches the subscription's current period, so one created
/// when its value is already at or over <c>gte</c> fires then (docs/contracts.md §10).
/// </summary>
public sealed partial class CreateAlertHandler(BillingCatalog catalog, IAlertRuleStore rules, TimeProvider time, ILogger<CreateAlertHandler> logger)
{
    public async Task<CreateAlertOutcome> HandleAsync(CreateAlertRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(request.Subscription))
        {
            return new CreateAlertOutcome.Invalid("subscription is required: the id of the catalog subscription the rule watches.");
        }

        if (string.IsNullOrEmpty(request.Type))
        {
            return new CreateAlertOutcome.Invalid($"type is required: \"{AlertKinds.Spend}\" (the period's amount, minor units) or \"{AlertKinds.Usage}\" (one meter's quantity).");
        }

        if (AlertKinds.Parse(request.Type) is not { } kind)
        {
            return new CreateAlertOutcome.Invalid($"type '{request.Type}' is not an alert type; it is \"{AlertKinds.Spend}\" or \"{AlertKinds.Usage}\".");
        }

        if (request.Gte is not { } gteJson || gteJson.ValueKind == JsonValueKind.Null)
        {
            return new CreateAlertOutcome.Invalid("gte is required: the value (greater than 0) at or over which the rule fires.");
        }

        if (GteProblem(kind, gteJson, out var gte) is { } gteProblem)
        {
            return new CreateAlertOutcome.Invalid(gteProblem);
        }

        if (kind == AlertKind.Spend && request.Meter is not null)
        {
            return new CreateAlertOutcome.Invalid("meter is only for a usage alert; a spend alert watches the period's whole amount.");
        }

        if (kind == AlertKind.Usage && string.IsNullOrEmpty(request.Meter))
        {
            return new CreateAlertOutcome.Invalid("meter is required for a usage alert: the id of the meter whose quantity it watches.");
        }

        if (catalog.FindSubscription(request.Subscription) is not { } subscription)
        {
            return new CreateAlertOutcome.UnknownSubscription($"subscription '{request.Subscription}' is not in the catalog.");
        }

        if (kind == AlertKind.Usage && subscription.ItemForMeter(request.Meter!) is null)
        {
            return new CreateAlertOutcome.Invalid(catalog.FindMeter(request.Meter!) is not null
                ? $"meter '{request.Meter}': subscription {subscription.Id} has no item on this meter, so its quantity is always 0."
                : $"meter '{request.Meter}' is not a meter of the catalog.");
        }

        // A limit, not an identity: two creates racing at the limit may both pass, which only bounds a check's read a little less tightly.
        if (await rules.CountAsync(subscription.Id, cancellationToken).ConfigureAwait(false) >= AlertRule.MaxPerSubscription)
        {
            return new CreateAlertOutcome.TooMany(
                $"subscription {subscription.Id} has {AlertRule.MaxPerSubscription} alerts, the most allowed; delete one (DELETE /api/alerts/{{id}}) first.");
        }

        var rule = new AlertRule(NewId(), subscription.Id, subscription.CustomerId, kind, request.Meter, gte, time.GetUtcNow());
        if (await rules.TryAddAsync(rule, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return new CreateAlertOutcome.Duplicate(
                $"subscription {subscription.Id} has this alert already: {existing.Id} ({AlertKinds.Name(existing.Kind)}{(existing.MeterId is null ? "" : $" of {existing.MeterId}")}, gte {AlertRule.CanonicalGte(existing.Gte)}).",
                existing.Id);
        }

        LogCreated(rule.Id, rule.SubscriptionId, AlertKinds.Name(rule.Kind), rule.MeterId, rule.Gte);
        return new CreateAlertOutcome.Created(AlertView.From(rule));
    }

    /// <returns><c>alr_</c> and 24 lower-case hex digits.</returns>
    private static string NewId() => "alr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static string? GteProblem(AlertKind kind, JsonElement json, out decimal gte)
    {
        gte = 0;
        var unit = kind == AlertKind.Spend ? "minor units of the subscription's currency, a whole number" : "a quantity of the meter";
        if (json.ValueKind != JsonValueKind.Number)
        {
            return $"gte must be a JSON number ({unit}); got {json.GetRawText()}.";
        }

        if (!json.TryGetDecimal(out gte) || gte > AlertRule.MaxGte)
        {
            return $"gte {json.GetRawText()} is too large; at most {AlertRule.MaxGte:0} is accepted.";
        }

        if (gte <= 0)
        {
            return $"gte must be greater than 0 ({unit}); got {json.GetRawText()}.";
        }

        return kind == AlertKind.Spend && gte != decimal.Truncate(gte)
            ? $"gte of a spend alert is minor units, a whole number (5000 is USD 50.00); got {json.GetRawText()}."
            : null;
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Alert {Alert} created on {Subscription}: {Type} {Meter} gte {Gte}")]
    private partial void LogCreated(string alert, string subscription, string type, string? meter, decimal gte);
}
