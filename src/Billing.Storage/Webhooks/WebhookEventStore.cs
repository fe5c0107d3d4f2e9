using Azure;
using Azure.Data.Tables;
using Billing.Domain.Ports;

namespace Billing.Storage.Webhooks;

/// <summary>
/// Table <c>webhookevents</c>: the Stripe events already applied, by event id (partition = id).
/// An event is recorded after it is applied, so a crash in between applies it again on Stripe's
/// next delivery, which is harmless: applying is idempotent.
/// </summary>
public sealed class WebhookEventStore : IWebhookEventLog
{
    private readonly TableClient table;

    public WebhookEventStore(TableServiceClient tables, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.WebhookEventsTable);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public async Task<bool> SeenAsync(string eventId, CancellationToken cancellationToken) =>
        (await table.GetEntityIfExistsAsync<TableEntity>(eventId, string.Empty, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue;

    public async Task RecordAsync(string eventId, string type, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(new TableEntity(eventId, string.Empty) { ["Type"] = type, ["ReceivedAt"] = receivedAt }, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // a concurrent delivery of the same event recorded it first
        }
    }
}
