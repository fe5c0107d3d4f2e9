using System.Globalization;
using Billing.LocalDev.Azurite;

namespace Billing.LocalHost.Tests;

/// <summary>
/// Ctrl+C in a terminal signals the whole foreground process group; Azurite must not be in it, or
/// it stops under an app that is still finishing its work as <c>billing up</c> stops.
/// </summary>
public sealed class AzuriteSessionTests
{
    [Fact]
    public async Task StartAsync_Always_RunsAzuriteInASessionAndProcessGroupOfItsOwn()
    {
        await using var azurite = await AzuriteServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        var (group, session) = GroupAndSession(azurite.ProcessId);
        var (ourGroup, ourSession) = GroupAndSession(Environment.ProcessId);

        Assert.Equal(azurite.ProcessId, session); // its own session's leader: the pid is Azurite's (setsid ran in place)
        Assert.Equal(azurite.ProcessId, group);
        Assert.NotEqual(ourSession, session);
        Assert.NotEqual(ourGroup, group);
    }

    /// <summary>Fields 5 and 6 of /proc/&lt;pid&gt;/stat (after the command name, which may hold spaces).</summary>
    private static (int Group, int Session) GroupAndSession(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (int.Parse(fields[2], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture));
    }
}
