using System.Diagnostics;
using System.Globalization;

namespace Billing.Benchmarks;

/// <summary>
/// CPU time used so far by this process and by its child processes (Azurite), so a phase can be
/// charged to the app (with the in-process Stripe emulator) or to storage. Linux only (/proc);
/// elsewhere children count as zero.
/// </summary>
internal readonly record struct ProcessCpu(TimeSpan Self, TimeSpan Children)
{
    /// <summary>USER_HZ: the unit of /proc/[pid]/stat times on every Linux build .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    public static ProcessCpu Now()
    {
        using var self = Process.GetCurrentProcess();
        return new ProcessCpu(self.TotalProcessorTime, ChildrenTime(Environment.ProcessId));
    }

    public ProcessCpu Since(ProcessCpu before) => new(Self - before.Self, Children - before.Children);

    private static TimeSpan ChildrenTime(int parent)
    {
        if (!Directory.Exists("/proc"))
        {
            return TimeSpan.Zero;
        }

        double ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // the process ended meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // "pid (comm) state ppid … utime stime …": comm may hold spaces, so split after its ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
            {
                ticks += double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }
}
