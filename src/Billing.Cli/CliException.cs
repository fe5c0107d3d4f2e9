namespace Billing.Cli;

/// <summary>
/// An expected failure of a command, with the message the user sees (on stderr) and the exit code.
/// Thrown from deep inside a command (the API client, the uploader) and caught once by
/// <see cref="BillingCli"/>.
/// </summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
