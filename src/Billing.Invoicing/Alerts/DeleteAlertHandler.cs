using Billing.Domain.Alerts;
using Billing.Domain.Ports;

namespace Billing.Invoicing.Alerts;

/// <summary><c>DELETE /api/alerts/{id}</c>: the rule fires no more. Events it already fired stay as they were.</summary>
public sealed partial class DeleteAlertHandler(IAlertRuleStore rules, ILogger<DeleteAlertHandler> logger)
{
    /// <returns>The answer, or null when no rule has that id.</returns>
    public async Task<DeletedAlert?> HandleAsync(string id, CancellationToken cancellationToken)
    {
        if (!AlertRule.IsRuleId(id) || await rules.DeleteAsync(id, cancellationToken).ConfigureAwait(false) is not { } deleted)
        {
            return null;
        }

        LogDeleted(deleted.Id, deleted.SubscriptionId);
        return new DeletedAlert(deleted.Id, Deleted: true);
    }

    [LoggerMessage(EventId = 321, Level = LogLevel.Information, Message = "Alert {Alert} on {Subscription} deleted")]
    private partial void LogDeleted(string alert, string subscription);
}
