using Microsoft.Extensions.Logging;

namespace Billing.Functions.Tests;

/// <summary>
/// A logger provider that "kills" a file ingestion part-way: it cancels <see cref="Token"/> when
/// the blob function has logged its <paramref name="progressLogs"/>-th progress line (event id
/// 101, written after each committed chunk).
/// </summary>
internal sealed class CancelOnProgressLogs(int progressLogs) : ILoggerProvider
{
    public const int ProgressEventId = 101;

    private readonly CancellationTokenSource cancellation = new();
    private int seen;

    public CancellationToken Token => cancellation.Token;

    /// <summary>Progress lines logged so far.</summary>
    public int Seen => Volatile.Read(ref seen);

    public ILogger CreateLogger(string categoryName) => new Watcher(this);

    public void Dispose() => cancellation.Dispose();

    private void OnLog(EventId eventId)
    {
        if (eventId.Id == ProgressEventId && Interlocked.Increment(ref seen) == progressLogs)
        {
            cancellation.Cancel();
        }
    }

    private sealed class Watcher(CancelOnProgressLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.OnLog(eventId);
    }
}
