using System.CommandLine;
using Billing.Cli.Api;
using Billing.Cli.Output;

namespace Billing.Cli.Commands;

/// <summary>
/// <c>billing alerts [list] [--subscription id]</c>, <c>billing alerts create --subscription id
/// --type spend|usage [--meter id] --gte value</c>, <c>billing alerts delete &lt;id&gt;</c>: the
/// alerts API (docs/contracts.md §10).
/// </summary>
internal static class AlertsCommand
{
    private const string Route = "api/alerts";
    private const string Missing = "alerts are not available in this version of the app";

    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var list = List(global, environment, "list", "List the alert rules (every subscription's, or one's) and the latest period each fired in.");
        var command = new Command("alerts", "Alert rules: billing.alert.triggered once per billing period when a subscription's spend or a meter's usage reaches gte.")
        {
            list,
            CreateCommand(global, environment),
            Delete(global, environment),
        };

        // "billing alerts" alone lists them, as "list" does.
        foreach (var option in list.Options)
        {
            command.Options.Add(option);
        }

        command.Action = list.Action;
        return command;
    }

    private static Command List(GlobalOptions global, CliEnvironment environment, string name, string description)
    {
        var subscription = new Option<string>("--subscription") { Description = "Only this subscription's rules, e.g. sub_A.", HelpName = "id" };
        var command = new Command(name, description) { subscription };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var api = new ApiClient(global.Resolve(parse, environment));
            var alerts = await ListAsync(api, parse.GetValue(subscription), cancellationToken).ConfigureAwait(false);
            Write(environment.Out, alerts.Data);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CreateCommand(GlobalOptions global, CliEnvironment environment)
    {
        var subscription = new Option<string>("--subscription") { Description = "The subscription the rule watches, e.g. sub_A.", HelpName = "id", Required = true };
        var type = new Option<string>("--type") { Description = "spend (the period's amount, minor units, seats excluded) or usage (one meter's quantity).", HelpName = "spend|usage", Required = true };
        type.AcceptOnlyFromAmong("spend", "usage");
        var meter = new Option<string>("--meter") { Description = "The meter of a usage rule, e.g. compute_seconds.", HelpName = "id" };
        var gte = new Option<decimal>("--gte") { Description = "Fires when the value reaches this: minor units for spend (5000 is USD 50.00), a quantity for usage.", HelpName = "value", Required = true };
        var command = new Command("create", "Create an alert rule; the app checks every field and says which one will not do.")
        {
            subscription,
            type,
            meter,
            gte,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var api = new ApiClient(global.Resolve(parse, environment));
            var request = new AlertRequest(parse.GetValue(subscription)!, parse.GetValue(type)!, parse.GetValue(meter), parse.GetValue(gte));
            var alert = await CreateAsync(api, request, cancellationToken).ConfigureAwait(false);
            environment.Out.WriteLine($"created {alert.Id}: {Describe(alert)}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(GlobalOptions global, CliEnvironment environment)
    {
        var id = new Argument<string>("id") { Description = "The rule's id (alr_…), as list shows it." };
        var command = new Command("delete", "Delete an alert rule: it fires no more.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var api = new ApiClient(global.Resolve(parse, environment));
            var rule = parse.GetValue(id)!;
            await api.DeleteAsync($"{Route}/{Uri.EscapeDataString(rule)}", ApiJson.Default.JsonElement, Missing, cancellationToken).ConfigureAwait(false);
            environment.Out.WriteLine($"deleted {rule}");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>GET /api/alerts: every subscription's rules, or those of <paramref name="subscription"/> when given.</summary>
    public static Task<AlertList> ListAsync(ApiClient api, string? subscription, CancellationToken cancellationToken) =>
        api.GetAsync(
            subscription is null ? Route : $"{Route}?subscription={Uri.EscapeDataString(subscription)}", ApiJson.Default.AlertList, Missing, cancellationToken);

    /// <summary>POST /api/alerts: the rule created (or the app's refusal, as a <see cref="CliException"/>).</summary>
    public static Task<Alert> CreateAsync(ApiClient api, AlertRequest request, CancellationToken cancellationToken) =>
        api.PostJsonAsync(Route, request, ApiJson.Default.AlertRequest, ApiJson.Default.Alert, Missing, cancellationToken);

    public static void Write(TextWriter output, IReadOnlyList<Alert> alerts)
    {
        if (alerts.Count == 0)
        {
            output.WriteLine("no alert rules");
            return;
        }

        var table = new TextTable(
            new TableColumn("alert"),
            new TableColumn("subscription"),
            new TableColumn("rule"),
            new TableColumn("last fired"));
        foreach (var alert in alerts)
        {
            table.Add(
                alert.Id,
                alert.Subscription,
                Describe(alert),
                alert.LastTriggered is { } last
                    ? $"period {Numbers.Day(last.PeriodStart)} at {Numbers.Time(last.TriggeredAt)}, value {Numbers.Quantity(last.Value)} ({last.Event})"
                    : "never");
        }

        table.WriteTo(output, string.Empty);
    }

    /// <summary>"spend ≥ 5,000 minor units", "usage of compute_seconds ≥ 50,000".</summary>
    public static string Describe(Alert alert) => alert.Type == "spend"
        ? $"spend ≥ {Numbers.Quantity(alert.Gte)} minor units"
        : $"usage of {alert.Meter} ≥ {Numbers.Quantity(alert.Gte)}";
}
