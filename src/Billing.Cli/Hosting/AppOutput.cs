namespace Billing.Cli.Hosting;

/// <summary>
/// Collects a child process's console output: appended to a log file when there is one, and the
/// last lines kept in memory to explain a failed start.
/// </summary>
internal sealed class AppOutput : IDisposable
{
    private const int KeptLines = 40;

    private readonly Queue<string> last = new();
    private readonly StreamWriter? file;
    private readonly Lock gate = new();

    public AppOutput(string? logFile)
    {
        if (logFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
            file = new StreamWriter(logFile, append: true) { AutoFlush = true };
        }
    }

    public void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            file?.WriteLine(line);
            last.Enqueue(line);
            if (last.Count > KeptLines)
            {
                last.Dequeue();
            }
        }
    }

    public string Tail()
    {
        lock (gate)
        {
            return string.Join('\n', last);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            file?.Dispose();
        }
    }
}
