using System.Text.Json;
using Billing.StripeEmulator.Api;
using Billing.StripeEmulator.Control;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Resources;
using Billing.StripeEmulator.State;
using Microsoft.Extensions.Options;

namespace Billing.StripeEmulator.Webhooks;

/// <summary>
/// Turns invoice changes into Stripe events: records each one and, when an endpoint is
/// configured, queues it for delivery. Called holding the store's gate, so events are numbered
/// and queued in the order the changes happened.
/// </summary>
internal sealed class EventPublisher(
    IOptions<StripeEmulatorOptions> options,
    EmulatorSettingsStore settings,
    EventLog log,
    WebhookQueue queue,
    EmulatorStore store,
    TimeProvider time)
{
    private readonly string apiVersion = options.Value.ApiVersion;

    public EventRecord Publish(string type, InvoiceResource invoice, RequestContext request, IReadOnlyDictionary<string, object?>? previousAttributes = null)
    {
        var endpointConfigured = settings.Current.WebhookUrl is not null;
        var resource = new EventResource
        {
            Id = IdGenerator.New("evt"),
            ApiVersion = apiVersion,
            Created = time.GetUtcNow().ToUnixTimeSeconds(),
            Data = new EventDataResource(invoice, previousAttributes),
            PendingWebhooks = endpointConfigured ? 1 : 0,
            Request = new EventRequestResource(request.RequestId.Length == 0 ? null : request.RequestId, request.IdempotencyKey),
            Type = type,
        };
        var record = new EventRecord(resource.Id, type, resource.Created, invoice.Id, JsonSerializer.Serialize(resource, StripeJson.Options), endpointConfigured);
        log.Add(record);
        store.Published(record);
        if (endpointConfigured)
        {
            queue.Enqueue(record);
        }

        return record;
    }
}
