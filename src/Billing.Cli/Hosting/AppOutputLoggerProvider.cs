using Microsoft.Extensions.Logging;

namespace Billing.Cli.Hosting;

/// <summary>
/// The local runtime's own log entries (a trigger that failed, the handler restarted) in the app's
/// output, in the handler's format (the simple console formatter, one line per entry:
/// <c>fail: Category[EventId] message</c>), so that they reach the log file and, at warning level
/// and above, the console of <c>billing up</c> as the app's own entries do (<see cref="AppOutput"/>).
/// </summary>
/// <remarks>Only the first line is the entry's line; further message lines and the exception go to the log file beneath it.</remarks>
internal sealed class AppOutputLoggerProvider(AppOutput output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(output, categoryName);

    public void Dispose()
    {
    }

    private static string Prefix(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class Logger(AppOutput output, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            var end = message.IndexOf('\n', StringComparison.Ordinal);
            var more = end < 0 ? null : message[(end + 1)..];
            var details = exception is null ? more : more is null ? exception.ToString() : $"{more}\n{exception}";
            output.Write($"{Prefix(logLevel)}: {category}[{eventId.Id}] {(end < 0 ? message : message[..end].TrimEnd('\r'))}", details);
        }
    }
}
