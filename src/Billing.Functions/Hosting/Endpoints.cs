using Billing.Invoicing.Clock;
using Billing.Ingestion.UsageFiles;
using Billing.Ingestion.Requests;
using Billing.Invoicing;
using Billing.Invoicing.Usage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Billing.Functions.Hosting;

/// <summary>
/// The HTTP functions. Each endpoint only binds its inputs, calls its handler and maps the
/// handler's result to a status code; the handlers know nothing of HTTP.
/// </summary>
public static class Endpoints
{
    public static IEndpointRouteBuilder MapBilling(this IEndpointRouteBuilder app)
    {
        // Each states its function.json's authLevel, which the host enforces (FunctionAuth).
        // Storage that does not answer is 503 with Retry-After on every route, within a bound.
        var api = app.MapGroup("/api");
        api.AddEndpointFilter(StorageUnavailableFilter.InvokeAsync)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(ErrorBody), ["application/json"]));
        api.MapPost("/meter_events", PostMeterEvents).WithName("MeterEvents").WithMetadata(FunctionAuth.FunctionKey, HandlerBodyLimit.Instance);
        api.MapGet("/customers/{id}/usage", GetCustomerUsage).WithName("CustomerUsage").WithMetadata(FunctionAuth.FunctionKey);
        api.MapGet("/invoices", GetInvoices).WithName("Invoices").WithMetadata(FunctionAuth.FunctionKey);
        api.MapGet("/reconciliation", GetReconciliation).WithName("Reconciliation").WithMetadata(FunctionAuth.FunctionKey);
        api.MapPost("/stripe/webhook", PostStripeWebhook).WithName("StripeWebhook").WithMetadata(FunctionAuth.Anonymous, HandlerBodyLimit.Instance)
            .WithDescription("Stripe's webhook deliveries, authenticated by the Stripe-Signature header (HMAC-SHA256 with Stripe__WebhookSecret, at most 300 s old).");
        api.MapPost("/test_helpers/webhooks/replay", PostWebhookReplay).WithName("WebhookReplay").WithMetadata(FunctionAuth.FunctionKey);
        api.MapPost("/test_helpers/clock/advance", PostTestClockAdvance).WithName("TestClockAdvance").WithMetadata(FunctionAuth.FunctionKey);
        return app;
    }

    public static async Task<Results<Ok<MeterEventsResponse>, BadRequest<ErrorBody>, JsonHttpResult<ErrorBody>>> PostMeterEvents(
        HttpRequest request,
        MeterEventsHandler handler,
        CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(
            new MeterEventsRequest(request.Body, request.ContentLength),
            cancellationToken);
        return outcome switch
        {
            MeterEventsOutcome.Processed processed => TypedResults.Ok(processed.Response),
            MeterEventsOutcome.TooLarge tooLarge => TypedResults.Json(ErrorBody.Of("request_too_large", tooLarge.Message), statusCode: StatusCodes.Status413PayloadTooLarge),
            MeterEventsOutcome.Invalid invalid => TypedResults.BadRequest(ErrorBody.Of("invalid_request", invalid.Message)),
            _ => throw new InvalidOperationException($"Unmapped outcome {outcome.GetType().Name}."),
        };
    }

    public static async Task<Results<Ok<CustomerUsageResponse>, NotFound<ErrorBody>>> GetCustomerUsage(
        string id,
        CustomerUsageHandler handler,
        CancellationToken cancellationToken)
    {
        var usage = await handler.HandleAsync(id, cancellationToken);
        return usage is null
            ? TypedResults.NotFound(ErrorBody.Of("customer_not_found", $"No customer '{id}' in the catalog."))
            : TypedResults.Ok(usage);
    }

    public static async Task<Ok<IReadOnlyList<InvoiceView>>> GetInvoices(string? customer, InvoicesHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(customer, cancellationToken));

    public static async Task<Ok<ReconciliationView>> GetReconciliation(ReconciliationHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(cancellationToken));

    /// <summary>
    /// Stripe's webhook: 413 over the size limit, 400 when the signature does not hold or the signed
    /// body is not an event (nothing changes), 200 otherwise, unknown types included.
    /// </summary>
    public static async Task<Results<Ok<WebhookReceipt>, BadRequest<ErrorBody>, JsonHttpResult<ErrorBody>>> PostStripeWebhook(
        HttpRequest request,
        StripeWebhookHandler handler,
        CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(
            new StripeWebhookRequest(request.Body, request.ContentLength, request.Headers["Stripe-Signature"].FirstOrDefault()),
            cancellationToken);
        return outcome switch
        {
            WebhookOutcome.TooLarge tooLarge => TypedResults.Json(ErrorBody.Of("request_too_large", tooLarge.Message), statusCode: StatusCodes.Status413PayloadTooLarge),
            WebhookOutcome.Rejected rejected => TypedResults.BadRequest(ErrorBody.Of("invalid_signature", rejected.Reason)),
            WebhookOutcome.NotAnEvent notAnEvent => TypedResults.BadRequest(ErrorBody.Of("invalid_event", notAnEvent.Reason)),
            WebhookOutcome.Duplicate duplicate => TypedResults.Ok(new WebhookReceipt(duplicate.EventId, "duplicate")),
            WebhookOutcome.Applied applied => TypedResults.Ok(new WebhookReceipt(applied.EventId, "applied")),
            WebhookOutcome.Ignored ignored => TypedResults.Ok(new WebhookReceipt(ignored.EventId, "ignored")),
            _ => throw new InvalidOperationException($"Unmapped outcome {outcome.GetType().Name}."),
        };
    }

    public static async Task<Ok<WebhookReplayResult>> PostWebhookReplay(WebhookReplayRequest? body, WebhookReplayHandler handler, CancellationToken cancellationToken) =>
        TypedResults.Ok(await handler.HandleAsync(body?.Since, cancellationToken));

    public static async Task<Results<Ok<TestClockAdvanceResponse>, BadRequest<ErrorBody>, NotFound<ErrorBody>>> PostTestClockAdvance(
        HttpRequest request,
        TestClockAdvanceHandler handler,
        CancellationToken cancellationToken)
    {
        var outcome = await handler.HandleAsync(new TestClockAdvanceRequest(request.Body), cancellationToken);
        return outcome switch
        {
            TestClockAdvanceOutcome.Advanced advanced => TypedResults.Ok(advanced.Response),
            TestClockAdvanceOutcome.Disabled disabled => TypedResults.NotFound(ErrorBody.Of("test_clock_disabled", disabled.Message)),
            TestClockAdvanceOutcome.Invalid invalid => TypedResults.BadRequest(ErrorBody.Of("invalid_request", invalid.Message)),
            TestClockAdvanceOutcome.Backwards backwards => TypedResults.BadRequest(ErrorBody.Of("clock_backwards", backwards.Message)),
            _ => throw new InvalidOperationException($"Unmapped outcome {outcome.GetType().Name}."),
        };
    }
}
