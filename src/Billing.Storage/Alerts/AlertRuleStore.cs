using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Alerts;
using Billing.Domain.Ports;

namespace Billing.Storage.Alerts;

/// <summary>
/// Table <c>alerts</c>: one row per subscription (<c>PartitionKey</c> = subscription id,
/// <c>RowKey</c> = <c>rules</c>) holding all its rules (at most <see cref="AlertRule.MaxPerSubscription"/>)
/// as JSON, each with the latest period it fired in. So a usage check reads a subscription's rules
/// and what fired with one <b>point read</b>, whatever the number of rules elsewhere; and every
/// change (a rule added, deleted, a firing recorded) is a write conditional on the row's ETag,
/// re-read and re-applied when another writer got there first: a duplicate rule is found in the
/// row it would be added to, and a firing is recorded once.
/// </summary>
public sealed class AlertRuleStore : IAlertRuleStore
{
    private const string RulesRow = "rules";

    /// <summary>Binary columns of JSON a rule-set row has room for (of 64 KiB each).</summary>
    private const int MaxColumns = 15;

    /// <summary>Conflicting writers retried before giving up: far more than a handful of racing checks need.</summary>
    private const int MaxAttempts = 50;

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
        var key = rule.ContentKey;
        for (var attempt = 1; ; attempt++)
        {
            var set = await ReadAsync(rule.SubscriptionId, cancellationToken).ConfigureAwait(false);
            if (set.Rules.FirstOrDefault(r => r.ContentKey == key) is { } existing)
            {
                return existing.ToRule(rule.SubscriptionId);
            }

            if (await TryWriteAsync(set, [.. set.Rules, StoredAlertRule.From(rule)], cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            Conflicted(attempt, rule.SubscriptionId);
        }
    }

    public async Task<IReadOnlyList<AlertRuleWithFiring>> ListAsync(string? subscriptionId, CancellationToken cancellationToken)
    {
        var sets = subscriptionId is null
            ? await ReadAllAsync(cancellationToken).ConfigureAwait(false)
            : [await ReadAsync(subscriptionId, cancellationToken).ConfigureAwait(false)];
        return [.. sets
            .SelectMany(s => s.Rules.Select(r => new AlertRuleWithFiring(r.ToRule(s.SubscriptionId), r.ToFiring())))
            .OrderBy(r => r.Rule.Created).ThenBy(r => r.Rule.Id, StringComparer.Ordinal)];
    }

    public async Task<int> CountAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        return (await ReadAsync(subscriptionId, cancellationToken).ConfigureAwait(false)).Rules.Count;
    }

    /// <remarks>
    /// A rule's id does not name its subscription, so this reads every subscription's rule-set row
    /// (a query of one row per subscription with rules): deletes are rare, checks are not.
    /// </remarks>
    public async Task<AlertRule?> DeleteAsync(string ruleId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ruleId);
        var owner = (await ReadAllAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(s => s.Rules.Any(r => r.Id == ruleId));
        if (owner is null)
        {
            return null;
        }

        for (var attempt = 1; ; attempt++)
        {
            var set = attempt == 1 ? owner : await ReadAsync(owner.SubscriptionId, cancellationToken).ConfigureAwait(false);
            if (set.Rules.FirstOrDefault(r => r.Id == ruleId) is not { } found)
            {
                return null;
            }

            if (await TryWriteAsync(set, [.. set.Rules.Where(r => r.Id != ruleId)], cancellationToken).ConfigureAwait(false))
            {
                return found.ToRule(set.SubscriptionId);
            }

            Conflicted(attempt, set.SubscriptionId);
        }
    }

    public async Task<AlertCheckState> ReadForCheckAsync(string subscriptionId, long periodStart, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        var set = await ReadAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
        return new AlertCheckState(
            [.. set.Rules.Select(r => r.ToRule(subscriptionId))],
            set.Rules.Where(r => r.Fired?.PeriodStart == periodStart).Select(r => r.Id).ToHashSet(StringComparer.Ordinal));
    }

    public async Task<bool> TryMarkFiredAsync(string subscriptionId, AlertFiring firing, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriptionId);
        ArgumentNullException.ThrowIfNull(firing);
        for (var attempt = 1; ; attempt++)
        {
            var set = await ReadAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
            var index = set.Rules.FindIndex(r => r.Id == firing.RuleId);

            // Deleted meanwhile, or recorded for this period (or a later one) already.
            if (index < 0 || set.Rules[index].Fired?.PeriodStart >= firing.PeriodStart)
            {
                return false;
            }

            List<StoredAlertRule> rules = [.. set.Rules];
            rules[index] = rules[index] with { Fired = StoredFiring.From(firing) };
            if (await TryWriteAsync(set, rules, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }

            Conflicted(attempt, subscriptionId);
        }
    }

    private async Task<RuleSet> ReadAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(subscriptionId, RulesRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? FromEntity(entity) : new RuleSet(subscriptionId, [], ETag: null);
    }

    private async Task<List<RuleSet>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var sets = new List<RuleSet>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {RulesRow}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            sets.Add(FromEntity(row));
        }

        return sets;
    }

    /// <returns>false when another writer changed (or created) the row since <paramref name="set"/> was read.</returns>
    private async Task<bool> TryWriteAsync(RuleSet set, List<StoredAlertRule> rules, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(rules, AlertsJson.Default.ListStoredAlertRule);
        if (json.Length > BinaryColumns.MaxBytes * MaxColumns)
        {
            throw new InvalidOperationException($"The alert rules of {set.SubscriptionId} take {json.Length} bytes, more than a row holds.");
        }

        var row = new TableEntity(set.SubscriptionId, RulesRow) { ["Count"] = rules.Count };
        BinaryColumns.Write(row, Column, json);

        try
        {
            if (set.ETag is { } etag)
            {
                await table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private static RuleSet FromEntity(TableEntity row)
    {
        var json = BinaryColumns.Read(row, Column);
        var rules = json.Length == 0 ? [] : JsonSerializer.Deserialize(json, AlertsJson.Default.ListStoredAlertRule) ?? [];
        return new RuleSet(row.PartitionKey, rules, row.ETag);
    }

    private static string Column(int part) => part == 0 ? "Rules" : string.Create(CultureInfo.InvariantCulture, $"Rules{part}");

    private static void Conflicted(int attempt, string subscriptionId)
    {
        if (attempt >= MaxAttempts)
        {
            throw new InvalidOperationException($"The alert rules of {subscriptionId} kept changing under {MaxAttempts} attempts to write them.");
        }
    }

    /// <param name="ETag">Null when the row does not exist yet (the first rule inserts it).</param>
    private sealed record RuleSet(string SubscriptionId, List<StoredAlertRule> Rules, ETag? ETag);
}
