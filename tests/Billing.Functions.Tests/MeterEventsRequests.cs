using Billing.Ingestion.Requests;
using Billing.Ingestion.UsageFiles;
using Billing.Ingestion.Parsing;

namespace Billing.Functions.Tests;

/// <summary>Meter events handed to the handler as the MeterEvents function hands them: parsed from a request body.</summary>
internal static class MeterEventsRequests
{
    public static Task<MeterEventsResponse> HandleBodyAsync(this MeterEventsHandler handler, byte[] body, CancellationToken cancellationToken)
    {
        var parsed = Assert.IsType<ParsedRequest.Events>(RequestEvents.Parse(body, int.MaxValue));
        return handler.HandleAsync(parsed.List, cancellationToken);
    }
}
