using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Alerts;
using Billing.Domain.Ports;

namespace Billing.Storage.Alerts;

/// <summary>
/// Table <c>alerts</c>, one partition per subscription, so a usage check reads a subscription's
/// rules and the current period's firings in one query:
/// <list type="bullet">
/// <item><c>r|{content key}</c>: a rule — id, kind, meter, gte (invariant text), customer, created.
/// Keyed by what the rule is (<see cref="AlertRule.ContentKey"/>), so a duplicate's insert fails (409):
/// duplicates are refused atomically, not by looking first.</item>
/// <item><c>f|{period start, 12 digits}|{rule id}</c>: the rule fired in that period — value, event id,
/// time. Its insert-if-absent records the firing once; a period's firings are one key range.</item>
/// </list>
/// A deleted rule's firings stay (a few rows per period) and are ignored: nothing lists them without their rule.
/// </summary>
public sealed class AlertRuleStore : IAlertRuleStore
{
    private const string RulePrefix = "r|";
    private const string RuleEnd = "r}";   // '}' sorts right after '|'
    private const string FiredPrefix = "f|";
    private const string FiredEnd = "f}";

    private readonly TableClient table;

    public AlertRuleStore(TableServiceClient tables, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.AlertsTable);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<AlertRule?> TryAddAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var row = new TableEntity(rule.SubscriptionId, RulePrefix + rule.ContentKey)
        {
            ["Id"] = rule.Id,
            ["Customer"] = rule.CustomerId,
            ["Kind"] = AlertKinds.Name(rule.Kind),
            ["Meter"] = rule.MeterId,
            ["Gte"] = AlertRule.CanonicalGte(rule.Gte),
            ["Created"] = rule.Created,
        };
        try
        {
            await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);

            // Deleted in between: the caller may try again; answering the duplicate it saw is as true.
            return existing.HasValue && existing.Value is { } found ? RuleFrom(found) : rule;
        }
    }

    public async Task<IReadOnlyList<AlertRuleWithFiring>> ListAsync(string? subscriptionId, CancellationToken cancellationToken)
    {
        var filter = subscriptionId is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {subscriptionId}");
        var rules = new List<AlertRule>();
        var latest = new Dictionary<string, AlertFiring>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey.StartsWith(RulePrefix, StringComparison.Ordinal))
            {
                rules.Add(RuleFrom(row));
            }
            else if (row.RowKey.StartsWith(FiredPrefix, StringComparison.Ordinal))
            {
                var firing = FiringFrom(row);
                if (!latest.TryGetValue(firing.RuleId, out var seen) || seen.PeriodStart < firing.PeriodStart)
                {
                    latest[firing.RuleId] = firing;
                }
            }
        }

        return [.. rules
            .OrderBy(r => r.Created).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new AlertRuleWithFiring(r, latest.GetValueOrDefault(r.Id)))];
    }

    public async Task<int> CountAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        var count = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {subscriptionId} and RowKey ge {RulePrefix} and RowKey lt {RuleEnd}");
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    /// <remarks>
    /// A rule's id is not its key, so this finds it with a query over every partition's rule rows
    /// (a scan): deletes are rare, and a check — the frequent read — needs the rules by subscription.
    /// </remarks>
    public async Task<AlertRule?> DeleteAsync(string ruleId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ruleId);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {RulePrefix} and RowKey lt {RuleEnd} and Id eq {ruleId}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var response = await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            return response.Status == 404 ? null : RuleFrom(row);
        }

        return null;
    }

    public async Task<AlertCheckState> ReadForCheckAsync(string subscriptionId, long periodStart, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        var fired = FiredPrefix + Period(periodStart) + "|";
        var firedEnd = FiredPrefix + Period(periodStart) + "}";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {subscriptionId} and ((RowKey ge {RulePrefix} and RowKey lt {RuleEnd}) or (RowKey ge {fired} and RowKey lt {firedEnd}))");
        var rules = new List<AlertRule>();
        var firedIds = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey.StartsWith(RulePrefix, StringComparison.Ordinal))
            {
                rules.Add(RuleFrom(row));
            }
            else
            {
                firedIds.Add(row.GetString("RuleId") ?? string.Empty);
            }
        }

        return new AlertCheckState(rules, firedIds);
    }

    public async Task<bool> TryMarkFiredAsync(string subscriptionId, AlertFiring firing, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        ArgumentNullException.ThrowIfNull(firing);
        var row = new TableEntity(subscriptionId, FiredPrefix + Period(firing.PeriodStart) + "|" + firing.RuleId)
        {
            ["RuleId"] = firing.RuleId,
            ["PeriodStart"] = firing.PeriodStart,
            ["Value"] = firing.Value.ToString(CultureInfo.InvariantCulture),
            ["EventId"] = firing.EventId,
            ["TriggeredAt"] = firing.TriggeredAt,
        };
        try
        {
            await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    private static string Period(long periodStart) => periodStart.ToString("D12", CultureInfo.InvariantCulture);

    private static AlertRule RuleFrom(TableEntity row) => new(
        row.GetString("Id") ?? throw new InvalidDataException($"Alert rule row {row.PartitionKey}/{row.RowKey} has no Id."),
        row.PartitionKey,
        row.GetString("Customer") ?? string.Empty,
        AlertKinds.Parse(row.GetString("Kind")) ?? throw new InvalidDataException($"Alert rule row {row.PartitionKey}/{row.RowKey} has an unknown Kind '{row.GetString("Kind")}'."),
        row.GetString("Meter"),
        decimal.Parse(row.GetString("Gte") ?? "0", NumberStyles.Number, CultureInfo.InvariantCulture),
        row.GetDateTimeOffset("Created") ?? DateTimeOffset.UnixEpoch);

    private static AlertFiring FiringFrom(TableEntity row) => new(
        row.GetString("RuleId") ?? string.Empty,
        row.GetInt64("PeriodStart") ?? 0,
        decimal.Parse(row.GetString("Value") ?? "0", NumberStyles.Number, CultureInfo.InvariantCulture),
        row.GetString("EventId") ?? string.Empty,
        row.GetDateTimeOffset("TriggeredAt") ?? DateTimeOffset.UnixEpoch);
}
