using System.CommandLine;
using System.Globalization;
using Billing.Cli.Api;
using Billing.Cli.Output;

namespace Billing.Cli.Commands;

/// <summary><c>billing usage &lt;customer&gt; [--period-start &lt;time&gt;] [--daily]</c>: GET /api/customers/{id}/usage as a table.</summary>
internal static class UsageCommand
{
    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var customer = new Argument<string>("customer") { Description = "The customer id (the Stripe customer id of the catalog), e.g. cus_A." };
        var periodStart = TimeArgument.Option(
            "--period-start",
            $"Show the period that starts at this time instead of the current one (a period boundary of the subscription): {TimeArgument.Forms}.",
            environment);
        var daily = new Option<bool>("--daily") { Description = "Also show each UTC day's amount per meter (the daily series)." };
        var command = new Command(
            "usage",
            "Show a customer's usage in the current period (or the one --period-start names): per meter the events, quantity, amount, what is billed and unbilled, the progress towards the threshold invoice and the forecast.")
        {
            customer,
            periodStart,
            daily,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var api = new ApiClient(global.Resolve(parse, environment));
            var usage = await ReadAsync(api, parse.GetRequiredValue(customer), parse.GetValue(periodStart), parse.GetValue(daily), cancellationToken).ConfigureAwait(false);
            UsageView.Write(environment.Out, usage, parse.GetValue(daily));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Task<CustomerUsage> ReadAsync(ApiClient api, string customer, CancellationToken cancellationToken) =>
        ReadAsync(api, customer, periodStart: null, daily: false, cancellationToken);

    public static Task<CustomerUsage> ReadAsync(ApiClient api, string customer, DateTimeOffset? periodStart, bool daily, CancellationToken cancellationToken)
    {
        var query = new List<string>();
        if (periodStart is { } start)
        {
            query.Add("period_start=" + start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }

        if (daily)
        {
            query.Add("daily=true");
        }

        var route = $"api/customers/{Uri.EscapeDataString(customer)}/usage" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        return api.GetAsync(route, ApiJson.Default.CustomerUsage, missing: null, cancellationToken);
    }
}
