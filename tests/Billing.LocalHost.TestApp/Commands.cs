namespace Billing.LocalHost.TestApp;

/// <summary>
/// What a test asks a function to do, in its input: <c>fail</c> (throw), <c>gate:NAME</c> (wait
/// for the test to open the gate), <c>sleep:MS</c> (take that long, or less when cancelled),
/// <c>hang-once:PATH</c> (the first time, create the file PATH and never return; once it exists,
/// succeed: a run killed while it hangs goes through when it is run again), or anything else
/// (succeed at once).
/// </summary>
internal static class Commands
{
    public static async Task RunAsync(string command, Gates gates, CancellationToken cancellationToken)
    {
        if (command == "fail")
        {
            throw new InvalidOperationException("asked to fail");
        }

        if (command.StartsWith("gate:", StringComparison.Ordinal))
        {
            await gates.PassAsync(command["gate:".Length..], cancellationToken).ConfigureAwait(false);
        }
        else if (command.StartsWith("hang-once:", StringComparison.Ordinal))
        {
            var marker = command["hang-once:".Length..];
            if (!File.Exists(marker))
            {
                await File.WriteAllTextAsync(marker, "hanging", cancellationToken).ConfigureAwait(false);
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (command.StartsWith("sleep:", StringComparison.Ordinal))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(int.Parse(command["sleep:".Length..], System.Globalization.CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
        }
    }
}
