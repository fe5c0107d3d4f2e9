using Billing.Cli.Tests.Support;

namespace Billing.Cli.Tests;

/// <summary>Every command answers --help, naming its arguments and options (and the global ones).</summary>
public sealed class HelpTests
{
    private static readonly string[] GlobalOptions = ["--url", "--key", "--connection"];

    public static TheoryData<string, string[]> Commands => new()
    {
        { string.Empty, ["up", "upload", "rejects", "usage", "invoices", "preview", "clock", "webhooks", "alerts", "Exit codes"] },
        { "up", ["--demo", "Ctrl+C", "local.settings.json"] },
        { "upload", ["<files>", "--prefix", "--sample", "--no-wait", "--timeout"] },
        { "rejects", ["<file>", "--limit", "Exits 1"] },
        { "usage", ["<customer>", "threshold"] },
        { "invoices", ["--customer"] },
        { "preview", ["<subscription>", "no more usage"] },
        { "clock", ["advance"] },
        { "clock advance", ["<time>", "+1d", "RFC 3339"] },
        { "webhooks", ["replay"] },
        { "webhooks replay", ["--since"] },
        { "alerts", ["list", "create", "delete", "--subscription"] },
        { "alerts create", ["--subscription", "--type", "--meter", "--gte", "minor units"] },
        { "alerts delete", ["<id>"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Help_OfEveryCommand_ExitsZeroAndNamesItsOptions(string command, string[] mentions)
    {
        var args = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Append("--help").ToArray();

        var result = await CliRun.RunAsync(args);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(mentions.Concat(GlobalOptions), text => Assert.Contains(text, result.Out, StringComparison.Ordinal));
    }
}
