using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Billing.Domain.Outbound;
using Billing.Domain.Ports;

namespace Billing.Storage.Outbound;

/// <summary>
/// Table <c>webhookendpoints</c>: the registered endpoints in one partition (there are at most
/// <see cref="WebhookEndpoint.MaxEndpoints"/>), row key = endpoint id. The signing secret is a
/// column: the app signs with it, so it is kept as the app's other credentials are, in its storage
/// account; it leaves the app only in the answer that creates the endpoint.
/// </summary>
public sealed class WebhookEndpointStore : IWebhookEndpointStore
{
    private const string Partition = "endpoints";
    private readonly TableClient table;

    public WebhookEndpointStore(TableServiceClient tables, StorageNames names)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(names);
        table = tables.GetTableClient(names.WebhookEndpointsTable);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public Task AddAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return table.AddEntityAsync(
            new TableEntity(Partition, endpoint.Id)
            {
                ["Url"] = endpoint.Url,
                ["EnabledEvents"] = JsonSerializer.Serialize(endpoint.EnabledEvents, OutboundJson.Default.IReadOnlyListString),
                ["Secret"] = endpoint.Secret,
                ["Created"] = endpoint.Created,
            },
            cancellationToken);
    }

    public async Task<WebhookEndpoint?> GetAsync(string endpointId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpointId);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, endpointId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value is { } entity ? FromEntity(entity) : null;
    }

    public async Task<IReadOnlyList<WebhookEndpoint>> ListAsync(CancellationToken cancellationToken)
    {
        var endpoints = new List<WebhookEndpoint>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            endpoints.Add(FromEntity(row));
        }

        return [.. endpoints.OrderBy(e => e.Created).ThenBy(e => e.Id, StringComparer.Ordinal)];
    }

    public async Task<bool> DeleteAsync(string endpointId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(endpointId);
        var response = await table.DeleteEntityAsync(Partition, endpointId, ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    private static WebhookEndpoint FromEntity(TableEntity row) => new(
        row.RowKey,
        row.GetString("Url") ?? throw new InvalidDataException($"Webhook endpoint row {row.RowKey} has no Url."),
        JsonSerializer.Deserialize(row.GetString("EnabledEvents") ?? "[]", OutboundJson.Default.IReadOnlyListString) ?? [],
        row.GetString("Secret") ?? throw new InvalidDataException($"Webhook endpoint row {row.RowKey} has no Secret."),
        row.GetDateTimeOffset("Created") ?? DateTimeOffset.UnixEpoch);
}
