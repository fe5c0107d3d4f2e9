using Billing.Functions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Benchmarks;

/// <summary>
/// <c>POST /api/meter_events</c> served by the app's own MeterEvents function class, as the
/// worker's ASP.NET Core integration serves it (the function activated from the app's services,
/// its IResult executed), without the Functions host in front.
/// </summary>
internal static class MeterEventsEndpoint
{
    public static WebApplication MapMeterEvents(this WebApplication app)
    {
        app.MapPost("/api/meter_events", async (HttpContext context) =>
        {
            var function = ActivatorUtilities.CreateInstance<MeterEventsFunction>(context.RequestServices);
            var result = await function.RunAsync(context.Request, context.RequestAborted);
            await result.ExecuteAsync(context);
        });
        return app;
    }
}
