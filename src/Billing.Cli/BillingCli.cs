using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Billing.Cli.Commands;

namespace Billing.Cli;

/// <summary>The <c>billing</c> command line: its commands, and the mapping of outcomes to exit codes.</summary>
internal static class BillingCli
{
    public static RootCommand CreateRoot(CliEnvironment environment)
    {
        var global = new GlobalOptions();
        var root = new RootCommand(
            "billing: run the usage-billing app locally and use it over HTTP: upload usage files and see their rejected rows, see usage and invoices, move the test clock.\n" +
            "Exit codes: 0 ok, 1 failed, 2 bad arguments, 3 the app (or storage) is not running, 4 the host key was refused.");
        foreach (var option in global.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(UpCommand.Create(global, environment));
        root.Subcommands.Add(UploadCommand.Create(global, environment));
        root.Subcommands.Add(RejectsCommand.Create(global, environment));
        root.Subcommands.Add(UsageCommand.Create(global, environment));
        root.Subcommands.Add(InvoicesCommand.Create(global, environment));
        root.Subcommands.Add(PreviewCommand.Create(global, environment));
        root.Subcommands.Add(ClockCommand.Create(global, environment));
        root.Subcommands.Add(WebhooksCommand.Create(global, environment));
        root.Subcommands.Add(AlertsCommand.Create(global, environment));
        return root;
    }

    /// <param name="cancellationToken">Stops the command as Ctrl+C would (tests; the process's signals are handled per <see cref="CliEnvironment.TerminationTimeout"/>).</param>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var parse = CreateRoot(environment).Parse(args);
        if (parse.Action is ParseErrorAction parseError)
        {
            // The error and a pointer to --help read better than the error drowned in the whole help.
            parseError.ShowHelp = false;
        }

        var configuration = new InvocationConfiguration
        {
            Output = environment.Out,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = environment.TerminationTimeout,
        };
        try
        {
            var code = await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
            if (parse.Action is ParseErrorAction)
            {
                await environment.Error.WriteLineAsync($"see: {CommandPath(parse)} --help").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            return code;
        }
        catch (CliException e)
        {
            await environment.Error.WriteLineAsync($"billing: {e.Message}").ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await environment.Error.WriteLineAsync("billing: cancelled").ConfigureAwait(false);
            return 130; // the shell's code for a run stopped by Ctrl+C
        }
    }

    /// <summary>"billing clock advance": the command the arguments got to.</summary>
    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult as SymbolResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult command)
            {
                // The root's own name is the executable's (a test host's, under tests).
                names.Add(command.Command is RootCommand ? "billing" : command.Command.Name);
            }
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
