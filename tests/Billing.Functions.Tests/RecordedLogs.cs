using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Billing.Functions.Tests;

/// <summary>A logger provider that keeps every entry (level, event id, formatted message), for tests that assert what the app logged.</summary>
internal sealed class RecordedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<RecordedLog> entries = new();

    /// <summary>Every entry so far, in the order logged.</summary>
    public IReadOnlyList<RecordedLog> Entries => [.. entries];

    /// <summary>The entries with event id <paramref name="eventId"/>.</summary>
    public IReadOnlyList<RecordedLog> WithEventId(int eventId) => [.. entries.Where(e => e.EventId == eventId)];

    public ILogger CreateLogger(string categoryName) => new Recorder(this);

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordedLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.entries.Enqueue(new RecordedLog(logLevel, eventId.Id, formatter(state, exception)));
    }
}
