using System.Text.Json;
using Billing.Functions.Hosting;
using Billing.Invoicing.Portal;
using Microsoft.Azure.Functions.Worker;

namespace Billing.Functions.Http;

/// <summary>
/// <c>POST /api/customers/{id}/portal_links</c> (function key): a signed, expiring, read-only link
/// to the customer's portal. The body is empty or <c>{"expires_in": seconds}</c>. 400
/// <c>invalid_request</c> naming <c>expires_in</c> when it is not a whole number in bounds, 404
/// <c>customer_not_found</c>, 503 <c>portal_not_configured</c> without a signing key.
/// </summary>
public sealed class PortalLinkCreateFunction(CreatePortalLinkHandler handler)
{
    /// <summary>The body is a few bytes; anything much larger is not it.</summary>
    public const int MaxBodyBytes = 4 * 1024;

    private const string Shape = "The body is empty or {\"expires_in\": seconds}";

    [Function("PortalLinkCreate")]
    public async Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "customers/{id}/portal_links")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        long? lifetime;
        using (var bytes = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken).ConfigureAwait(false))
        {
            if (bytes is null)
            {
                return HttpEdge.Error(StatusCodes.Status413PayloadTooLarge, "request_too_large", $"The body is larger than {MaxBodyBytes} bytes. {Shape}.");
            }

            if (Lifetime(bytes.Span, out lifetime) is { } problem)
            {
                return HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", problem);
            }
        }

        return handler.Handle(id, lifetime) switch
        {
            CreatePortalLinkOutcome.Created created => TypedResults.Ok(new PortalLink(
                id,
                $"{PublicApiDocument.ServerUrl(request)}api/portal?token={created.Token}",
                created.ExpiresAt.ToUnixTimeSeconds())),
            CreatePortalLinkOutcome.CustomerNotFound notFound => HttpEdge.Error(StatusCodes.Status404NotFound, "customer_not_found", notFound.Message),
            CreatePortalLinkOutcome.Invalid invalid => HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", invalid.Message),
            CreatePortalLinkOutcome.NotConfigured off => HttpEdge.Error(StatusCodes.Status503ServiceUnavailable, "portal_not_configured", off.Message),
            var outcome => throw new InvalidOperationException($"Unmapped outcome {outcome.GetType().Name}."),
        };
    }

    /// <returns>Null when the body is usable (<paramref name="lifetime"/> null: the default); else why not, naming the field.</returns>
    private static string? Lifetime(ReadOnlySpan<byte> body, out long? lifetime)
    {
        lifetime = null;
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException e)
        {
            return $"{Shape}: {e.Message}";
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return $"{Shape}, not a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}.";
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name != "expires_in")
                {
                    return $"Unknown field '{property.Name}'. {Shape}.";
                }

                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetInt64(out var seconds))
                {
                    return $"expires_in must be a whole number of seconds; got {property.Value.GetRawText()}.";
                }

                lifetime = seconds; // bounds are the handler's: they are settings
            }
        }

        return null;
    }
}
