using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Tests.RealApp;

/// <summary>One log entry as <see cref="RecordingLoggerProvider"/> kept it.</summary>
internal sealed record LogRecord(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);
