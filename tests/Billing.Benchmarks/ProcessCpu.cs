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

    /// <summary>CPU time used so far by process <paramref name="processId"/>; zero when it has ended or off Linux.</summary>
    public static TimeSpan Of(int processId)
    {
        try
        {
            var fields = Fields(File.ReadAllText($"/proc/{processId}/stat"));
            return TimeSpan.FromSeconds((double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
        catch (UnauthorizedAccessException)
        {
            return TimeSpan.Zero;
        }
    }

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

            var fields = Fields(stat);
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
            {
                ticks += double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>"pid (comm) state ppid … utime stime …": comm may hold spaces, so split after its ')'.</summary>
    private static string[] Fields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
}
