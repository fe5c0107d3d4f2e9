using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Outbound;
using Billing.Domain.Ports;

namespace Billing.Storage.Outbound;

/// <summary>
/// Table <c>outboundevents</c>, one partition (outbound events are few: a handful per invoice,
/// alert or cap; one partition's throughput is far above that), so that an event, its index row
/// and its deliveries are written in one transaction:
/// <list type="bullet">
/// <item><c>e|{event id}</c>: the idempotency anchor — type, key, creation time, the event's list
/// key and <c>Dispatched</c>. Its insert is what makes a publish happen once.</item>
/// <item><c>t|{inverted ticks}|{event id}</c>: the event — type, key, time, <c>Dispatched</c> (set
/// with the anchor's, in one transaction) and the body every attempt sends (binary, in 64 KiB
/// columns); newest first in key order.</item>
/// <item><c>t|{inverted ticks}|{event id}|{endpoint id}</c>: one delivery — state, attempts and
/// their log; right after its event in key order, so a page of events with their deliveries is one range read.</item>
/// </list>
/// </summary>
public sealed class OutboundEventStore : IOutboundEventStore
{
    private const string Partition = "events";
    private const string IdPrefix = "e|";
    private const string ListPrefix = "t|";

    // Past every delivery row of an event: '~' sorts after '|' and after the characters of ids.
    private const string AfterDeliveries = "|~";

    // Past every list row: '}' follows '|'.
    private const string ListEnd = "t}";

    private readonly TableClient table;

    public OutboundEventStore(TableServiceClient tables, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.OutboundEventsTable);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<bool> TryAddAsync(OutboundEvent outboundEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outboundEvent);
        if (outboundEvent.Body.Length > OutboundEvent.MaxBodyBytes)
        {
            throw new ArgumentException($"Event {outboundEvent.Id}'s body is {outboundEvent.Body.Length} bytes, more than {OutboundEvent.MaxBodyBytes}.", nameof(outboundEvent));
        }

        var listKey = ListKey(outboundEvent.Created, outboundEvent.Id);
        var anchor = new TableEntity(Partition, IdPrefix + outboundEvent.Id)
        {
            ["Type"] = outboundEvent.Type,
            ["Key"] = outboundEvent.Key,
            ["Created"] = outboundEvent.Created,
            ["ListKey"] = listKey,
            ["Dispatched"] = outboundEvent.Dispatched,
        };
        var row = new TableEntity(Partition, listKey)
        {
            ["Type"] = outboundEvent.Type,
            ["Key"] = outboundEvent.Key,
            ["Created"] = outboundEvent.Created,
            ["Dispatched"] = outboundEvent.Dispatched,
        };
        BinaryColumns.Write(row, BodyColumn, outboundEvent.Body.Span);

        List<TableTransactionAction> actions = [new(TableTransactionActionType.Add, anchor), new(TableTransactionActionType.Add, row)];
        actions.AddRange(outboundEvent.Deliveries.Select(d => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(listKey, d))));
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool?> IsDispatchedAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var anchor = await table.GetEntityIfExistsAsync<TableEntity>(Partition, IdPrefix + eventId, select: ["Dispatched"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return anchor.HasValue && anchor.Value is { } entity ? entity.GetBoolean("Dispatched") ?? false : null;
    }

    public async Task<OutboundEvent?> GetAsync(string eventId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        var anchor = await table.GetEntityIfExistsAsync<TableEntity>(Partition, IdPrefix + eventId, select: ["ListKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!anchor.HasValue || anchor.Value?.GetString("ListKey") is not { } listKey)
        {
            return null;
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {listKey} and RowKey lt {listKey + AfterDeliveries}");
        return (await ReadAsync(filter, int.MaxValue, cancellationToken).ConfigureAwait(false)).Events.SingleOrDefault();
    }

    public Task MarkDispatchedAsync(OutboundEvent outboundEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outboundEvent);
        return table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.UpdateMerge, new TableEntity(Partition, IdPrefix + outboundEvent.Id) { ["Dispatched"] = true }),
                new(TableTransactionActionType.UpdateMerge, new TableEntity(Partition, ListKey(outboundEvent.Created, outboundEvent.Id)) { ["Dispatched"] = true }),
            ],
            cancellationToken);
    }

    public async Task<WebhookDelivery?> TryReplaceDeliveryAsync(OutboundEvent owner, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(delivery);
        var version = delivery.Version ?? throw new ArgumentException($"Delivery of {owner.Id} to {delivery.EndpointId} was never read from the store.", nameof(delivery));
        try
        {
            var response = await table.UpdateEntityAsync(ToEntity(ListKey(owner.Created, owner.Id), delivery), new ETag(version), TableUpdateMode.Replace, cancellationToken)
                .ConfigureAwait(false);
            return delivery with { Version = response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("Table Storage answered without an ETag.") };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task<OutboundEventPage?> ListAsync(string? startingAfter, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        string filter;
        if (startingAfter is null)
        {
            filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {ListPrefix} and RowKey lt {ListEnd}");
        }
        else
        {
            var anchor = await table.GetEntityIfExistsAsync<TableEntity>(Partition, IdPrefix + startingAfter, select: ["ListKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!anchor.HasValue || anchor.Value?.GetString("ListKey") is not { } after)
            {
                return null;
            }

            filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {after + AfterDeliveries} and RowKey lt {ListEnd}");
        }

        return await ReadAsync(filter, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The events (with their deliveries) the range holds, in key order, at most <paramref name="limit"/>.</summary>
    private async Task<OutboundEventPage> ReadAsync(string filter, int limit, CancellationToken cancellationToken)
    {
        var events = new List<OutboundEvent>();
        TableEntity? current = null;
        var deliveries = new List<WebhookDelivery>();
        var hasMore = false;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey.Count(c => c == '|') == 2)
            {
                if (current is not null)
                {
                    events.Add(FromEntity(current, deliveries));
                    deliveries = [];
                }

                if (events.Count == limit)
                {
                    hasMore = true;
                    current = null;
                    break;
                }

                current = row;
            }
            else if (current is not null)
            {
                deliveries.Add(DeliveryFromEntity(row));
            }
        }

        if (current is not null)
        {
            events.Add(FromEntity(current, deliveries));
        }

        return new OutboundEventPage(events, hasMore);
    }

    /// <summary>Newest first: ticks counted down from the largest time, 19 digits so that text order is time order.</summary>
    private static string ListKey(DateTimeOffset created, string eventId) =>
        string.Create(CultureInfo.InvariantCulture, $"{ListPrefix}{DateTimeOffset.MaxValue.UtcTicks - created.UtcTicks:D19}|{eventId}");

    private static string BodyColumn(int part) => part == 0 ? "Body" : string.Create(CultureInfo.InvariantCulture, $"Body{part}");

    private static TableEntity ToEntity(string listKey, WebhookDelivery delivery) => new(Partition, $"{listKey}|{delivery.EndpointId}")
    {
        ["Endpoint"] = delivery.EndpointId,
        ["Url"] = delivery.Url,
        ["State"] = delivery.State.ToWire(),
        ["Attempts"] = delivery.Attempts,
        ["Log"] = JsonSerializer.Serialize([.. delivery.Log.Select(StoredAttempt.From)], OutboundJson.Default.IReadOnlyListStoredAttempt),
        ["NextAttemptAt"] = delivery.NextAttemptAt,
        ["RoundStart"] = delivery.RoundStart,
        ["RoundStartedAt"] = delivery.RoundStartedAt,
    };

    private static OutboundEvent FromEntity(TableEntity row, IReadOnlyList<WebhookDelivery> deliveries)
    {
        var body = BinaryColumns.Read(row, BodyColumn);
        var eventId = row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..];
        return new OutboundEvent(
            eventId,
            row.GetString("Type") ?? throw new InvalidDataException($"Outbound event row {row.RowKey} has no Type."),
            row.GetString("Key") ?? string.Empty,
            row.GetDateTimeOffset("Created") ?? DateTimeOffset.UnixEpoch,
            body,
            deliveries,
            row.GetBoolean("Dispatched") ?? false);
    }

    private static WebhookDelivery DeliveryFromEntity(TableEntity row)
    {
        if (!DeliveryStates.TryParse(row.GetString("State"), out var state))
        {
            throw new InvalidDataException($"Delivery row {row.RowKey} has an unknown state '{row.GetString("State")}'.");
        }

        return new WebhookDelivery(
            row.GetString("Endpoint") ?? throw new InvalidDataException($"Delivery row {row.RowKey} has no Endpoint."),
            row.GetString("Url") ?? string.Empty,
            state,
            row.GetInt32("Attempts") ?? 0,
            [.. (JsonSerializer.Deserialize(row.GetString("Log") ?? "[]", OutboundJson.Default.IReadOnlyListStoredAttempt) ?? []).Select(a => a.ToAttempt())],
            row.GetDateTimeOffset("NextAttemptAt"),
            row.GetInt32("RoundStart") ?? 0,
            row.GetDateTimeOffset("RoundStartedAt") ?? DateTimeOffset.UnixEpoch,
            row.ETag.ToString());
    }
}
