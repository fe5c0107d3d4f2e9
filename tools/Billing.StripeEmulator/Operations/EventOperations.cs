using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Billing.StripeEmulator.Api;
using Billing.StripeEmulator.Webhooks;

namespace Billing.StripeEmulator.Operations;

/// <summary>
/// <c>GET /v1/events</c> and <c>GET /v1/events/{id}</c>: the events of the last
/// <see cref="Retention"/>, each exactly as it was delivered to webhooks except for a current
/// <c>pending_webhooks</c>, listed newest first. Filters: <c>type</c> (<c>*</c> is a wildcard,
/// <c>invoice.*</c>), <c>types</c> (up to <see cref="MaxTypes"/>, not with <c>type</c>),
/// <c>created</c> (Unix seconds, exact or <c>[gt]</c>/<c>[gte]</c>/<c>[lt]</c>/<c>[lte]</c>) and
/// <c>delivery_success</c>; paged like every list.
/// </summary>
internal sealed class EventOperations(EventLog log, TimeProvider time)
{
    /// <summary>Stripe lists and retrieves events going back 30 days.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public const int MaxTypes = 20;

    public ApiResponse List(ApiRequest request)
    {
        var p = request.Parameters;
        p.RejectUnknown("type", "types", "created", "delivery_success", "limit", "starting_after", "ending_before");
        var matchesType = TypeFilter(p);
        var matchesCreated = CreatedFilter(p);
        var delivered = p.Bool("delivery_success");
        var oldest = Oldest();
        var newestFirst = log.All()
            .Where(e => e.Created >= oldest && matchesType(e.Type) && matchesCreated(e.Created) && (delivered is null || (e.PendingWebhooks == 0) == delivered))
            .Reverse()
            .ToList();
        return ApiResponse.Ok(Pages.Page(newestFirst, e => e.Id, View, p, "/v1/events", "event"));
    }

    public ApiResponse Retrieve(ApiRequest request)
    {
        request.Parameters.RejectUnknown();
        var id = request.Route("id");
        return log.Find(id) is { } record && record.Created >= Oldest()
            ? ApiResponse.Ok(View(record))
            : throw ApiRequestException.Missing("event", id, "id");
    }

    private static JsonNode View(EventRecord record)
    {
        var node = JsonNode.Parse(record.Payload)!;
        node["pending_webhooks"] = record.PendingWebhooks;
        return node;
    }

    private long Oldest() => (time.GetUtcNow() - Retention).ToUnixTimeSeconds();

    private static Func<string, bool> TypeFilter(FormParameters p)
    {
        var type = p.String("type");
        var types = p.Strings("types");
        if (type is not null && types.Count > 0)
        {
            throw ApiRequestException.Invalid("You may pass either type or types, but not both.", "types");
        }

        if (types.Count > MaxTypes)
        {
            throw ApiRequestException.Invalid($"types can name at most {MaxTypes} event types.", "types");
        }

        if (types.Count > 0)
        {
            var wanted = new HashSet<string>(types, StringComparer.Ordinal);
            return wanted.Contains;
        }

        if (type is null)
        {
            return _ => true;
        }

        if (!type.Contains('*', StringComparison.Ordinal))
        {
            return t => t == type;
        }

        var pattern = new Regex($"^{string.Join(".*", type.Split('*').Select(Regex.Escape))}$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return pattern.IsMatch;
    }

    private static Func<long, bool> CreatedFilter(FormParameters p)
    {
        if (p.Long("created") is { } exact)
        {
            return created => created == exact;
        }

        var range = p.Scope("created");
        range.RejectUnknown("gt", "gte", "lt", "lte");
        var gt = range.Long("gt");
        var gte = range.Long("gte");
        var lt = range.Long("lt");
        var lte = range.Long("lte");
        return created => (gt is null || created > gt) && (gte is null || created >= gte) && (lt is null || created < lt) && (lte is null || created <= lte);
    }
}
