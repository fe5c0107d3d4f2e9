using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Billing.Testing;

/// <summary>
/// The processes a test-started process started, read from <c>/proc</c> (Linux): to check that
/// none of them outlives it. A process is named by its pid and its start time, so a pid reused
/// after it ended is never taken for it.
/// </summary>
public static class ProcessTree
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>Every live descendant of <paramref name="pid"/> (its children, theirs, …).</summary>
    public static IReadOnlyList<ProcessIdentity> Descendants(int pid)
    {
        var all = Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? Read(p) : null)
            .OfType<ProcStat>()
            .Where(s => s.State != 'Z')
            .ToList();
        var found = new List<ProcessIdentity>();
        var parents = new Queue<int>([pid]);
        while (parents.TryDequeue(out var parent))
        {
            foreach (var child in all.Where(s => s.ParentId == parent))
            {
                found.Add(new ProcessIdentity(child.Id, child.StartTime, child.Name));
                parents.Enqueue(child.Id);
            }
        }

        return found;
    }

    /// <summary>True while the process runs; false once it has ended (a zombie has: it only waits to be reaped).</summary>
    public static bool IsRunning(ProcessIdentity process)
    {
        ArgumentNullException.ThrowIfNull(process);
        return Read(process.Id) is { } stat && stat.StartTime == process.StartTime && stat.State != 'Z';
    }

    /// <summary>Polls until none of <paramref name="processes"/> runs, or <paramref name="timeout"/> has passed.</summary>
    /// <returns>Those still running (empty when all ended).</returns>
    public static async Task<IReadOnlyList<ProcessIdentity>> WaitEndedAsync(IReadOnlyList<ProcessIdentity> processes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var running = processes.Where(IsRunning).ToList();
            if (running.Count == 0 || waited.Elapsed > timeout)
            {
                return running;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Sends a signal (kill(2)); .NET itself only sends SIGKILL.</summary>
    public static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Kills whichever of <paramref name="processes"/> still run: a failed test leaves nothing behind.</summary>
    public static void KillRunning(IEnumerable<ProcessIdentity> processes)
    {
        foreach (var process in processes.Where(IsRunning))
        {
            _ = Kill(process.Id, SigKill);
        }
    }

    /// <returns>Null when there is no such process (or it ended as it was read).</returns>
    private static ProcStat? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid … starttime …": comm may hold spaces and parentheses, so fields are
        // counted from the last ')'; starttime is field 22, the 20th after comm.
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var close = text.LastIndexOf(')');
        var fields = text[(close + 2)..].Split(' ');
        return new ProcStat(
            pid,
            text[(open + 1)..close],
            fields[0][0],
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[19], CultureInfo.InvariantCulture));
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);

    private sealed record ProcStat(int Id, string Name, char State, int ParentId, long StartTime);
}

