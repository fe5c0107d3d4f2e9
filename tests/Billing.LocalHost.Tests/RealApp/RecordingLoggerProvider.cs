using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Tests.RealApp;

/// <summary>Keeps every log entry at warning level or above, for tests that assert what was logged.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> records = new();

    public IReadOnlyList<LogRecord> Records => records.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(records, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<LogRecord> records, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                records.Enqueue(new LogRecord(category, logLevel, eventId.Id, formatter(state, exception), exception));
            }
        }
    }
}
