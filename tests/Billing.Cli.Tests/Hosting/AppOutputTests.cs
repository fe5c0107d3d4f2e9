using Billing.Cli.Hosting;

namespace Billing.Cli.Tests.Hosting;

public sealed class AppOutputTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("billing-cli-output").FullName;

    [Fact]
    public void Write_WarningsAndErrors_GoToTheAlertsAndEveryLineToTheFile()
    {
        var alerts = new List<string>();
        var log = Path.Combine(directory, "app.log");
        string[] lines =
        [
            "info: Billing.Invoicing.Workflows.ClosePeriodsHandler[300] ClosePeriods: 0 periods handed to invoicing",
            "warn: Billing.Invoicing.Workflows.ClosePeriodsHandler[302] ClosePeriods: sub_A has 11 ended periods to invoice at once",
            "fail: Billing.Functions.Hosting.InvocationEndpoints[200] InvoiceRun failed",
            "crit: Something[1] down",
            "dbug: Something[2] detail",
            "a line of its own, not a log entry: warn: inside",
        ];
        using (var output = new AppOutput(log, alerts.Add))
        {
            foreach (var line in lines)
            {
                output.Write(line);
            }
        }

        Assert.Equal([lines[1], lines[2], lines[3]], alerts);
        Assert.Equal(lines, File.ReadAllLines(log));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
