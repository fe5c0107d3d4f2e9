using System.CommandLine;
using Billing.Cli.Api;
using Billing.Cli.Output;

namespace Billing.Cli.Commands;

/// <summary><c>billing usage &lt;customer&gt;</c>: GET /api/customers/{id}/usage as a table.</summary>
internal static class UsageCommand
{
    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var customer = new Argument<string>("customer") { Description = "The customer id (the Stripe customer id of the catalog), e.g. cus_A." };
        var command = new Command(
            "usage",
            "Show a customer's usage in the current period: per meter the events, quantity, amount, what is billed and unbilled, and the progress towards the threshold invoice.")
        {
            customer,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var api = new ApiClient(global.Resolve(parse, environment));
            var usage = await ReadAsync(api, parse.GetRequiredValue(customer), cancellationToken).ConfigureAwait(false);
            UsageView.Write(environment.Out, usage);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Task<CustomerUsage> ReadAsync(ApiClient api, string customer, CancellationToken cancellationToken) =>
        api.GetAsync($"api/customers/{Uri.EscapeDataString(customer)}/usage", ApiJson.Default.CustomerUsage, missing: null, cancellationToken);
}
