using System.CommandLine;
using Billing.Cli.Api;
using Billing.Cli.Output;

namespace Billing.Cli.Commands;

/// <summary><c>billing invoices [--customer cus_A]</c>: GET /api/invoices as a table.</summary>
internal static class InvoicesCommand
{
    public const string Missing = "invoices are not available in this version of the app";

    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var customer = new Option<string>("--customer") { Description = "Only this customer's invoices, e.g. cus_A.", HelpName = "id" };
        var command = new Command(
            "invoices",
            "List invoices (threshold, cycle and subscription-create): period, reason, status, total and the Stripe invoice id.")
        {
            customer,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var api = new ApiClient(global.Resolve(parse, environment));
            var id = parse.GetValue(customer);
            Write(environment.Out, await ReadAsync(api, id, cancellationToken).ConfigureAwait(false), id);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary><c>GET /api/invoices</c>: a customer's invoices, or everyone's when <paramref name="customer"/> is null.</summary>
    public static Task<IReadOnlyList<Invoice>> ReadAsync(ApiClient api, string? customer, CancellationToken cancellationToken) =>
        api.GetAsync(
            customer is null ? "api/invoices" : $"api/invoices?customer={Uri.EscapeDataString(customer)}",
            ApiJson.Default.IReadOnlyListInvoice,
            Missing,
            cancellationToken);

    public static void Write(TextWriter output, IReadOnlyList<Invoice> invoices, string? customer)
    {
        if (invoices.Count == 0)
        {
            output.WriteLine(customer is null ? "no invoices yet" : $"no invoices for {customer} yet");
            return;
        }

        var table = new TextTable(
            new TableColumn("invoice"),
            new TableColumn("customer"),
            new TableColumn("subscription"),
            new TableColumn("reason"),
            new TableColumn("period"),
            new TableColumn("lines", RightAligned: true),
            new TableColumn("total", RightAligned: true),
            new TableColumn("status"),
            new TableColumn("stripe"));
        foreach (var invoice in invoices)
        {
            table.Add(
                invoice.Id,
                invoice.Customer,
                invoice.Subscription,
                invoice.BillingReason,
                $"{Numbers.Day(invoice.PeriodStart)} to {Numbers.Day(invoice.PeriodEnd)}",
                Numbers.Count(invoice.Lines.Count),
                Money.Format(invoice.Total, invoice.Currency),
                invoice.Status,
                invoice.StripeInvoiceId ?? "-");
        }

        table.WriteTo(output, string.Empty);
    }
}
