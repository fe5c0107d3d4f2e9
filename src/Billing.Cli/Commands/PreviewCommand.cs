using System.CommandLine;
using Billing.Cli.Api;
using Billing.Cli.Output;

namespace Billing.Cli.Commands;

/// <summary>
/// <c>billing preview &lt;subscription&gt;</c>: <c>GET /api/invoices/upcoming</c>, the cycle invoice
/// that would close the subscription's current period if no more usage arrived, line by line.
/// </summary>
internal static class PreviewCommand
{
    public const string Missing = "the invoice preview (GET /api/invoices/upcoming) is not available in this version of the app";

    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var subscription = new Argument<string>("subscription") { Description = "The subscription, e.g. sub_A." };
        var command = new Command(
            "preview",
            "Preview the cycle invoice that would close a subscription's current period if no more usage arrived: each line's price, meter, period, quantity and amount (GET /api/invoices/upcoming). Nothing is written.")
        {
            subscription,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var api = new ApiClient(global.Resolve(parse, environment));
            Write(environment.Out, await ReadAsync(api, parse.GetRequiredValue(subscription), cancellationToken).ConfigureAwait(false));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Task<Invoice> ReadAsync(ApiClient api, string subscription, CancellationToken cancellationToken) =>
        api.GetAsync($"api/invoices/upcoming?subscription={Uri.EscapeDataString(subscription)}", ApiJson.Default.Invoice, Missing, cancellationToken);

    public static void Write(TextWriter output, Invoice preview)
    {
        output.WriteLine(
            $"{preview.Id}: the {preview.BillingReason} invoice of {preview.Subscription} ({preview.Customer}) for {Numbers.Day(preview.PeriodStart)} to {Numbers.Day(preview.PeriodEnd)}, if no more usage arrives");
        if (preview.Lines.Count == 0)
        {
            output.WriteLine("  nothing to bill: the close would issue no invoice");
            return;
        }

        var table = new TextTable(
            new TableColumn("price"),
            new TableColumn("meter"),
            new TableColumn("period"),
            new TableColumn("quantity", RightAligned: true),
            new TableColumn("amount", RightAligned: true));
        foreach (var line in preview.Lines)
        {
            table.Add(
                line.Price,
                line.Meter ?? "seats",
                $"{Numbers.Day(line.PeriodStart)} to {Numbers.Day(line.PeriodEnd)}",
                Numbers.Quantity(line.Quantity),
                Money.Format(line.Amount, preview.Currency));
        }

        table.Add(string.Empty, string.Empty, string.Empty, "total", Money.Format(preview.Total, preview.Currency));
        table.WriteTo(output, "  ");
    }
}
