namespace Billing.Cli.Hosting;

/// <summary>
/// Collects a child process's console output: appended to a log file when there is one, the last
/// lines kept in memory to explain a failed start, and its warnings and errors passed on to
/// <c>alert</c> (the console of <c>billing up</c>), which would otherwise only be in the log file.
/// </summary>
/// <remarks>
/// The app logs one entry per line in the simple console format (the local runtime asks for it),
/// whose level prefixes are <c>warn:</c>, <c>fail:</c> and <c>crit:</c> at warning level and above.
/// </remarks>
internal sealed class AppOutput : IDisposable
{
    private const int KeptLines = 40;
    private static readonly string[] AlertPrefixes = ["warn: ", "fail: ", "crit: "];

    private readonly Queue<string> last = new();
    private readonly StreamWriter? file;
    private readonly Action<string>? alert;
    private readonly Lock gate = new();
    private bool disposed;

    /// <param name="logFile">Where every line goes; null keeps only the last lines.</param>
    /// <param name="alert">Called with each line at warning level or above (any thread, one at a time); null: nowhere else.</param>
    public AppOutput(string? logFile, Action<string>? alert = null)
    {
        if (logFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logFile))!);
            file = new StreamWriter(logFile, append: true) { AutoFlush = true };
        }

        this.alert = alert;
    }

    public void Write(string? line) => Write(line, null);

    /// <param name="line">One line; alerted when it is a warning or worse.</param>
    /// <param name="details">Lines that go with it (a stack trace): to the file only, right beneath it; null for none.</param>
    public void Write(string? line, string? details)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            if (disposed)
            {
                return; // a line that comes as the app stops, after the file has been closed
            }

            file?.WriteLine(line);
            if (details is not null)
            {
                file?.WriteLine(details);
            }

            last.Enqueue(line);
            if (last.Count > KeptLines)
            {
                last.Dequeue();
            }

            if (IsAlert(line))
            {
                alert?.Invoke(line);
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
            disposed = true;
            file?.Dispose();
        }
    }

    private static bool IsAlert(string line) => AlertPrefixes.Any(p => line.StartsWith(p, StringComparison.Ordinal));
}
