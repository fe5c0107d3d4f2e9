using System.Globalization;
using Billing.Functions.Hosting;
using Billing.Invoicing.Usage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Primitives;

namespace Billing.Functions.Http;

/// <summary>
/// <c>GET /api/customers/{id}/usage[?period_start=&amp;daily=true]</c> (function key): the customer's
/// usage of the current period or of the period starting at <c>period_start</c>; 400
/// <c>invalid_request</c> for a malformed parameter, 404 <c>customer_not_found</c> or
/// <c>period_not_found</c>.
/// </summary>
public sealed class CustomerUsageFunction(CustomerUsageHandler handler, HttpEdge edge)
{
    [Function("CustomerUsage")]
    public Task<IResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "customers/{id}/usage")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Parse(request.Query["period_start"], request.Query["daily"], out var query) is { } problem)
        {
            return Task.FromResult(HttpEdge.Error(StatusCodes.Status400BadRequest, "invalid_request", problem));
        }

        return edge.GuardAsync(
            request,
            async () => await handler.HandleAsync(id, query, cancellationToken).ConfigureAwait(false) switch
            {
                CustomerUsageOutcome.Found found => TypedResults.Ok(found.Usage),
                CustomerUsageOutcome.CustomerNotFound missing => HttpEdge.Error(StatusCodes.Status404NotFound, "customer_not_found", missing.Message),
                CustomerUsageOutcome.PeriodNotFound none => HttpEdge.Error(StatusCodes.Status404NotFound, "period_not_found", none.Message),
                var outcome => throw new InvalidOperationException($"Unmapped outcome {outcome.GetType().Name}."),
            },
            cancellationToken);
    }

    /// <returns>Why the query is unusable (period_start judged first), or null with <paramref name="query"/>.</returns>
    private static string? Parse(StringValues periodStart, StringValues daily, out UsageQuery query)
    {
        query = UsageQuery.Current;
        if (PeriodStart(periodStart) is not (true, var start))
        {
            return periodStart.Count > 1
                ? $"period_start is given {periodStart.Count} times; give it once."
                : $"period_start must be the start of a billing period in Unix seconds (digits, e.g. ?period_start=1767225600), not '{periodStart[0]}'.";
        }

        if (Daily(daily) is not { } wantsDaily)
        {
            return daily.Count > 1
                ? $"daily is given {daily.Count} times; give it once."
                : $"daily must be true or false, not '{daily[0]}'.";
        }

        query = new UsageQuery(start, wantsDaily);
        return null;
    }

    /// <summary>Unix seconds, digits only; absent: the current period.</summary>
    private static (bool Ok, DateTimeOffset? Start) PeriodStart(StringValues given)
    {
        if (given.Count == 0)
        {
            return (true, null);
        }

        return given.Count == 1
            && given[0] is { Length: > 0 and <= 12 } text
            && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
                ? (true, DateTimeOffset.FromUnixTimeSeconds(seconds))
                : (false, null);
    }

    private static bool? Daily(StringValues given) => given.Count switch
    {
        0 => false,
        1 when string.Equals(given[0], "true", StringComparison.Ordinal) => true,
        1 when string.Equals(given[0], "false", StringComparison.Ordinal) => false,
        _ => null,
    };
}
