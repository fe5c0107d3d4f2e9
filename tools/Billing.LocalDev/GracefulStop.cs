using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Billing.LocalDev;

/// <summary>
/// Stops a child process the way a service manager does: SIGTERM first, so it can finish what it
/// is writing (Azurite saves its metadata every 5 s and on SIGTERM; ASP.NET Core drains requests),
/// then a kill of the whole process tree once the grace period is over.
/// </summary>
public static class GracefulStop
{
    private const int SigTerm = 15;

    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (process.HasExited)
        {
            return;
        }

        // .NET has no managed way to send SIGTERM; Windows has no SIGTERM and is killed at once.
        if (!OperatingSystem.IsWindows() && Kill(process.Id, SigTerm) == 0)
        {
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                // Still running after the grace period: fall through to the kill.
            }
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    // DllImport rather than LibraryImport: the generated form needs AllowUnsafeBlocks for nothing
    // that two ints need.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
