using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.RegularExpressions;
using Billing.Invoicing.Clock;
using Billing.Ingestion.Requests;
using Billing.Ingestion.Uploads;
using Billing.Ingestion.UsageFiles;
using Billing.Functions.Http;
using Billing.Invoicing;
using Billing.Invoicing.Alerts;
using Billing.Invoicing.Outbound;
using Billing.Invoicing.SpendCaps;
using Billing.Invoicing.Portal;
using Billing.Invoicing.Usage;
using Microsoft.AspNetCore.WebUtilities;

namespace Billing.Functions.Hosting;

/// <summary>
/// The OpenAPI document at <c>/api/openapi.json</c>, built from a table of the public HTTP
/// functions (<see cref="Endpoints"/>; a test checks it against functions.metadata): each operation
/// with the key it needs, response bodies as JSON Schema (exported from the types the functions
/// answer with, under the same JSON options), and as its server the URL the caller used.
/// </summary>
internal static partial class PublicApiDocument
{
    public const string Route = "openapi.json";

    /// <summary>Security scheme of a function key in its header.</summary>
    public const string FunctionKeyHeader = "functionKey";

    /// <summary>Security scheme of a function key in the query (the host accepts either).</summary>
    public const string FunctionKeyQuery = "functionKeyQuery";

    private const int Ok = StatusCodes.Status200OK;
    private const int BadRequest = StatusCodes.Status400BadRequest;
    private const int NotFound = StatusCodes.Status404NotFound;
    private const int Conflict = StatusCodes.Status409Conflict;
    private const int TooLarge = StatusCodes.Status413PayloadTooLarge;

    /// <summary>Every public HTTP function but the document's own.</summary>
    public static readonly IReadOnlyList<PublicEndpoint> Endpoints =
    [
        new("MeterEvents", "POST", "meter_events", FunctionAuth.FunctionKey,
            "Ingests meter events synchronously: one event, a JSON array or NDJSON; a result per event.",
            [(Ok, typeof(MeterEventsResponse)), (BadRequest, typeof(ErrorBody)), (TooLarge, typeof(ErrorBody))]),
        new("CustomerUsage", "GET", "customers/{id}/usage", FunctionAuth.FunctionKey,
            "The customer's usage in the current period (or the period period_start names), its amounts, and for the current period threshold progress and the forecast; the daily series with daily=true. 400 invalid_request for a malformed parameter; 404 customer_not_found, or period_not_found when period_start starts no begun period of the customer's subscriptions.",
            [(Ok, typeof(CustomerUsageResponse)), (BadRequest, typeof(ErrorBody)), (NotFound, typeof(ErrorBody))],
            Query:
            [
                new("period_start", "The start of the period to show (Unix seconds): a period boundary of the subscription that has begun; each subscription having that period is shown. Absent: each subscription's current period.", "integer"),
                new("daily", "true: each meter line carries its daily series (UTC days by event time); false by default."),
            ]),
        new("Invoices", "GET", "invoices", FunctionAuth.FunctionKey,
            "The invoices with lines, totals, status, payment attempts and the link to Stripe's hosted invoice page (hosted_invoice_url, null until the invoice is finalized).",
            [(Ok, typeof(IReadOnlyList<InvoiceView>))],
            Query: [new("customer", "Only this customer's invoices (a Stripe customer id).")]),
        new("UpcomingInvoice", "GET", "invoices/upcoming", FunctionAuth.FunctionKey,
            "The cycle invoice that would close the subscription's current period if no more usage arrived, computed by the code that issues it, in the shape of GET /api/invoices with status preview; nothing is written. 404 subscription_not_found, or invoice_upcoming_none before the subscription starts.",
            [(Ok, typeof(InvoiceView)), (BadRequest, typeof(ErrorBody)), (NotFound, typeof(ErrorBody))],
            Query: [new("subscription", "The subscription whose upcoming invoice to preview (a catalog subscription id).", Required: true)]),
        new("Reconciliation", "GET", "reconciliation", FunctionAuth.FunctionKey,
            "Invoices on which our ledger and Stripe disagree, and incidents.",
            [(Ok, typeof(ReconciliationView))]),
        new("Uploads", "GET", "uploads", FunctionAuth.FunctionKey,
            "The usage files in container usage, a page in name order, each with the summary of its current version (status processed) or none yet (processing).",
            [(Ok, typeof(UploadList)), (BadRequest, typeof(ErrorBody))],
            Query:
            [
                new("prefix", "Only files whose path inside the container starts with it, e.g. 2026/01/ (no leading '/', no '.' or '..' folders, no '//', no backslash, at most 1,024 characters)."),
                new("limit", $"Files in the page: {UploadPaging.DefaultLimit} by default, 1 to {UploadPaging.MaxLimit}.", "integer"),
                new("starting_after", "The next page: the name of the last file of the page before (has_more was true)."),
            ]),
        new("UploadRejects", "GET", "uploads/rejects", FunctionAuth.FunctionKey,
            "A usage file's rejected rows (line, identifier, reason, message), a page in line order, with the file's summary; 409 while its current version has not been processed.",
            [(Ok, typeof(UploadRejectsPage)), (BadRequest, typeof(ErrorBody)), (NotFound, typeof(ErrorBody)), (Conflict, typeof(ErrorBody))],
            Query:
            [
                new("file", "The file's path inside the container, as GET /api/uploads names it (e.g. 2026/01/events.csv).", Required: true),
                new("limit", $"Rows in the page: {UploadPaging.DefaultLimit} by default, 1 to {UploadPaging.MaxLimit}.", "integer"),
                new("starting_after", "The next page: the line of the last row of the page before (has_more was true).", "integer"),
            ]),
        new("WebhookEndpointCreate", "POST", "webhook_endpoints", FunctionAuth.FunctionKey,
            "Registers a webhook endpoint for some outbound event types (or *); the answer carries its signing secret (whsec_…), this once.",
            [(Ok, typeof(CreatedWebhookEndpoint)), (BadRequest, typeof(ErrorBody)), (TooLarge, typeof(ErrorBody))],
            RequestBody: typeof(WebhookEndpointBody)),
        new("WebhookEndpoints", "GET", "webhook_endpoints", FunctionAuth.FunctionKey,
            "The registered webhook endpoints, oldest first, without their secrets.",
            [(Ok, typeof(WebhookEndpointList))]),
        new("WebhookEndpointDelete", "DELETE", "webhook_endpoints/{id}", FunctionAuth.FunctionKey,
            "Deletes a webhook endpoint: it is sent nothing more.",
            [(Ok, typeof(DeletedWebhookEndpoint)), (NotFound, typeof(ErrorBody))]),
        new("Events", "GET", "events", FunctionAuth.FunctionKey,
            "The outbound events, newest first, a page at a time, each with its deliveries and their attempts.",
            [(Ok, typeof(EventList)), (BadRequest, typeof(ErrorBody))],
            Query:
            [
                new("limit", $"Events in the page: {ListEventsRequest.DefaultLimit} by default, 1 to {ListEventsRequest.MaxLimit}.", "integer"),
                new("starting_after", "The next page: the id of the last event of the page before (has_more was true)."),
            ]),
        new("Event", "GET", "events/{id}", FunctionAuth.FunctionKey,
            "One outbound event with its deliveries and their attempts.",
            [(Ok, typeof(EventView)), (NotFound, typeof(ErrorBody))]),
        new("EventRedeliver", "POST", "events/{id}/redeliver", FunctionAuth.FunctionKey,
            "Sends an outbound event again, now, to every endpoint it is owed to that still exists (a new round of retries); answers the event.",
            [(Ok, typeof(EventView)), (NotFound, typeof(ErrorBody))]),
        new("SpendCap", "PUT", "subscriptions/{id}/spend_cap", FunctionAuth.FunctionKey,
            "Sets the subscription's spend cap (minor units, 0 or more) over the catalog's, or removes it with amount null; answers the current period's amount, the cap and the state (ok, warning from 80%, capped).",
            [(Ok, typeof(SpendCapView)), (BadRequest, typeof(ErrorBody)), (NotFound, typeof(ErrorBody)), (TooLarge, typeof(ErrorBody))],
            RequestBody: typeof(SpendCapBody)),
        new("CustomerEntitlements", "GET", "customers/{id}/entitlements", FunctionAuth.FunctionKey,
            "Per subscription and meter: allowed, or not with reason spend_cap_reached once the current period's amount reached the spend cap; with the amount, cap and state.",
            [(Ok, typeof(EntitlementsResponse)), (NotFound, typeof(ErrorBody))]),
        new("AlertCreate", "POST", "alerts", FunctionAuth.FunctionKey,
            "Creates an alert rule on a subscription: spend (the period's amount, minor units, seats excluded) or usage (one meter's quantity) at or over gte; it fires billing.alert.triggered at most once per billing period.",
            [(Ok, typeof(AlertView)), (BadRequest, typeof(ErrorBody)), (NotFound, typeof(ErrorBody)), (Conflict, typeof(ErrorBody)), (TooLarge, typeof(ErrorBody))],
            RequestBody: typeof(AlertBody)),
        new("Alerts", "GET", "alerts", FunctionAuth.FunctionKey,
            "The alert rules, oldest first, each with the latest period it fired in.",
            [(Ok, typeof(AlertList)), (BadRequest, typeof(ErrorBody)), (NotFound, typeof(ErrorBody))],
            Query: [new("subscription", "Only this subscription's rules (a catalog subscription id).")]),
        new("AlertDelete", "DELETE", "alerts/{id}", FunctionAuth.FunctionKey,
            "Deletes an alert rule: it fires no more.",
            [(Ok, typeof(DeletedAlert)), (NotFound, typeof(ErrorBody))]),
        new("StripeWebhook", "POST", "stripe/webhook", FunctionAuth.Anonymous,
            "Stripe's webhook deliveries, authenticated by the Stripe-Signature header (HMAC-SHA256 with Stripe__WebhookSecret, at most 300 s old).",
            [(Ok, typeof(WebhookReceipt)), (BadRequest, typeof(ErrorBody)), (TooLarge, typeof(ErrorBody))]),
        new("WebhookReplay", "POST", "test_helpers/webhooks/replay", FunctionAuth.FunctionKey,
            "Reads Stripe's events back (all, or since a time) and applies those not applied yet.",
            [(Ok, typeof(WebhookReplayResult)), (BadRequest, typeof(ErrorBody)), (TooLarge, typeof(ErrorBody))],
            RequestBody: typeof(WebhookReplayRequest)),
        new("TestClockAdvance", "POST", "test_helpers/clock/advance", FunctionAuth.FunctionKey,
            "Moves the test clock forward to frozen_time (Unix seconds) and runs every timer once; 404 unless the test clock is on.",
            [(Ok, typeof(TestClockAdvanceResponse)), (BadRequest, typeof(ErrorBody)), (NotFound, typeof(ErrorBody))]),
        new("TestClockNow", "GET", "test_helpers/clock", FunctionAuth.FunctionKey,
            "The test clock's current time (what relative advances count from) and the time it is frozen at, null before the first advance; 404 unless the test clock is on.",
            [(Ok, typeof(TestClockNowResponse)), (NotFound, typeof(ErrorBody))]),

        // The dashboard and the customer portal (#12 item 8, docs/contracts.md §11).
        new("PortalLinkCreate", "POST", "customers/{id}/portal_links", FunctionAuth.FunctionKey,
            "A signed, expiring, read-only link to the customer's portal (url with its token, expires_at in Unix seconds); the body is empty or {\"expires_in\": seconds}. 503 portal_not_configured without Portal__SigningKey.",
            [(Ok, typeof(PortalLink)), (BadRequest, typeof(ErrorBody)), (NotFound, typeof(ErrorBody)), (TooLarge, typeof(ErrorBody))],
            RequestBody: typeof(PortalLinkBody)),
        new("Dashboard", "GET", "dashboard", FunctionAuth.FunctionKey,
            "The spend dashboard, an HTML page: a page of customers with their current period (spend, billed, unbilled, threshold progress, cap, forecast) and the latest outbound events. In a browser, pass the key as ?code=.",
            [(Ok, null), (BadRequest, null), (NotFound, null)],
            Query: [new("page", "The page of customers (50 a page, in id order), 1 by default.", "integer")],
            Html: true),
        new("DashboardCustomer", "GET", "dashboard/customers/{id}", FunctionAuth.FunctionKey,
            "One customer's dashboard page (HTML): each subscription's current period, meters and daily spend chart, the invoices, the alerts and the outbound events about the customer.",
            [(Ok, null), (NotFound, null)],
            Html: true),
        new("Portal", "GET", "portal", FunctionAuth.Anonymous,
            "The customer portal (HTML), read-only, for the one customer a portal link's token names; a missing, tampered or expired token is 403 with nothing of any customer.",
            [(Ok, null), (StatusCodes.Status403Forbidden, null), (NotFound, null)],
            Query: [new("token", "The token of a link from POST /api/customers/{id}/portal_links.", Required: true)],
            Html: true),
    ];

    /// <summary>The document, with the URL of <paramref name="request"/> as its server.</summary>
    /// <remarks>
    /// The Functions host receives the caller's request and forwards it to the worker over
    /// loopback, stating the caller's scheme and host in <c>X-Forwarded-Proto</c> and
    /// <c>X-Forwarded-Host</c> (the worker's own Host is the loopback address it listens on). Those
    /// headers are honoured only from loopback, that is from the host on the same machine; from
    /// anywhere else the request's own scheme and Host are used. A relative server ("/") would
    /// resolve as well where a tool fetches the document by URL, but not once the document is
    /// saved or pasted, which is how client generators are often fed.
    /// </remarks>
    public static JsonObject Build(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var schemas = new JsonObject { [nameof(ErrorBody)] = Schema(typeof(ErrorBody)) };
        var paths = new JsonObject();
        foreach (var endpoint in Endpoints)
        {
            var path = "/api/" + endpoint.Route;
            if (paths[path] is not JsonObject item)
            {
                paths[path] = item = [];
            }

            item[endpoint.Method.ToLowerInvariant()] = Operation(endpoint, schemas);
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject { ["title"] = "Billing.Functions | v1", ["version"] = "1.0.0" },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = ServerUrl(request) }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    [FunctionKeyHeader] = new JsonObject
                    {
                        ["type"] = "apiKey",
                        ["in"] = "header",
                        ["name"] = "x-functions-key",
                        ["description"] = "A function key or the host key (locally: Values.FunctionsHostKey of local.settings.json, printed by `billing up`).",
                    },
                    [FunctionKeyQuery] = new JsonObject
                    {
                        ["type"] = "apiKey",
                        ["in"] = "query",
                        ["name"] = "code",
                        ["description"] = "The same key as the query parameter `code`.",
                    },
                },
            },
        };
    }

    private static JsonObject Operation(PublicEndpoint endpoint, JsonObject schemas)
    {
        var operation = new JsonObject { ["operationId"] = endpoint.Function, ["summary"] = endpoint.Summary };
        var parameters = new JsonArray();
        foreach (Match parameter in RouteParameter().Matches(endpoint.Route))
        {
            parameters.Add(new JsonObject
            {
                ["name"] = parameter.Groups[1].Value,
                ["in"] = "path",
                ["required"] = true,
                ["schema"] = new JsonObject { ["type"] = "string" },
            });
        }

        foreach (var query in endpoint.Query ?? [])
        {
            parameters.Add(new JsonObject
            {
                ["name"] = query.Name,
                ["in"] = "query",
                ["description"] = query.Description,
                ["required"] = query.Required,
                ["schema"] = new JsonObject { ["type"] = query.Type },
            });
        }

        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        if (endpoint.RequestBody is { } requestBody)
        {
            operation["requestBody"] = new JsonObject { ["content"] = Json(Reference(requestBody, schemas)) };
        }

        var responses = new JsonObject();
        foreach (var (status, body) in endpoint.Responses.Append((StatusCodes.Status503ServiceUnavailable, typeof(ErrorBody))))
        {
            var response = new JsonObject { ["description"] = ReasonPhrases.GetReasonPhrase(status) };
            if (endpoint.Html && status != StatusCodes.Status503ServiceUnavailable)
            {
                response["content"] = new JsonObject { ["text/html"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } };
            }
            else if (body is not null)
            {
                response["content"] = Json(Reference(body, schemas));
            }

            responses[status.ToString(CultureInfo.InvariantCulture)] = response;
        }

        operation["responses"] = responses;
        if (endpoint.Auth == FunctionAuth.FunctionKey)
        {
            // Alternatives: either requirement satisfies the host.
            operation["security"] = new JsonArray(
                new JsonObject { [FunctionKeyHeader] = new JsonArray() },
                new JsonObject { [FunctionKeyQuery] = new JsonArray() });
        }
        else
        {
            operation["security"] = new JsonArray();
            operation["description"] = $"Anonymous: no function key. {endpoint.Summary}";
        }

        return operation;
    }

    private static JsonObject Json(JsonNode schema) => new() { ["application/json"] = new JsonObject { ["schema"] = schema } };

    /// <summary>A reference to the type's schema, added to the components once; a list is an array of its element's.</summary>
    private static JsonNode Reference(Type type, JsonObject schemas)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return new JsonObject { ["type"] = "array", ["items"] = Reference(type.GetGenericArguments()[0], schemas) };
        }

        if (!schemas.ContainsKey(type.Name))
        {
            schemas[type.Name] = Schema(type);
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{type.Name}" };
    }

    // The web defaults: what TypedResults.Json and Ok write with.
    private static JsonNode Schema(Type type) => JsonSerializerOptions.Web.GetJsonSchemaAsNode(type);

    /// <summary>The URL the caller used for the app's root, ending in / (see <see cref="Build"/>); portal links are built on it too.</summary>
    internal static string ServerUrl(HttpRequest request)
    {
        var fromLoopback = request.HttpContext.Connection.RemoteIpAddress is not { } remote || IPAddress.IsLoopback(remote);
        var scheme = fromLoopback && First(request.Headers["X-Forwarded-Proto"]) is { } proto ? proto : request.Scheme;
        var host = fromLoopback && First(request.Headers["X-Forwarded-Host"]) is { } forwarded ? forwarded : request.Host.Value;
        return $"{scheme}://{host}{request.PathBase}/";
    }

    // A proxy chain lists the first proxy's value first: the caller's.
    private static string? First(Microsoft.Extensions.Primitives.StringValues values) =>
        values.FirstOrDefault()?.Split(',')[0].Trim() is { Length: > 0 } value ? value : null;

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
