using System.Diagnostics;
using System.Globalization;

namespace Billing.LocalDev;

/// <summary>
/// Ends a child process when this process dies, however it dies: SIGKILL and crashes included,
/// which no handler or <c>finally</c> of ours ever sees. A watchdog shell reads a pipe whose only
/// writer is this process; the kernel closes it when this process ends, and on that end of file
/// the watchdog stops the child: SIGTERM, then SIGKILL once the grace period is over.
/// </summary>
/// <remarks>
/// Watched from outside, so the child needs no change (Azurite, the local Functions host, any executable).
/// Not PR_SET_PDEATHSIG: it fires when the <em>thread</em> that started the child ends, and .NET
/// starts processes from thread-pool threads, which come and go. On Windows nothing is watched (a
/// job object would be the way there).
/// </remarks>
public sealed class ExitWithParent : IDisposable
{
    // $1: the child's pid; $2: the grace period in tenths of a second. Output goes nowhere, so a
    // write to a closed pipe can never kill the watchdog before it has done its work. Ctrl+C and
    // a closed terminal signal the whole process group: the watchdog ignores them and stays until
    // its parent has either stopped the child or died.
    private const string Script =
        """
        trap '' INT HUP
        exec >/dev/null 2>&1
        while read -r _; do :; done
        kill -TERM "$1" || exit 0
        n=0
        while kill -0 "$1" && [ "$n" -lt "$2" ]; do sleep 0.1; n=$((n + 1)); done
        kill -KILL "$1"
        """;

    private readonly Process? watchdog;

    private ExitWithParent(Process? watchdog) => this.watchdog = watchdog;

    /// <summary>Starts watching: from now on <paramref name="child"/> ends when this process does.</summary>
    /// <param name="grace">How long the child has after SIGTERM to stop by itself (rounded to tenths of a second).</param>
    public static ExitWithParent Watch(Process child, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(child);
        if (OperatingSystem.IsWindows())
        {
            return new ExitWithParent(null);
        }

        var info = new ProcessStartInfo("/bin/sh")
        {
            // The pipe: .NET opens it close-on-exec, so the only writer is this process, never a
            // sibling started later (which would keep it open after this process had died).
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add("exit-with-parent");
        info.ArgumentList.Add(child.Id.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(((int)Math.Ceiling(grace.TotalMilliseconds / 100)).ToString(CultureInfo.InvariantCulture));
        return new ExitWithParent(Process.Start(info) ?? throw new InvalidOperationException("Could not start /bin/sh to watch a child process."));
    }

    /// <summary>Stops watching (the owner stops the child itself): the watchdog ends without touching the child.</summary>
    public void Dispose()
    {
        if (watchdog is null)
        {
            return;
        }

        try
        {
            // Killed before its pipe closes: closing first would read as this process's death.
            watchdog.Kill();
            watchdog.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already ended (a Ctrl+C in a terminal reaches the whole process group).
        }
        finally
        {
            watchdog.Dispose();
        }
    }
}
