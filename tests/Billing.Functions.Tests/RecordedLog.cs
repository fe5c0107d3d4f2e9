using Microsoft.Extensions.Logging;

namespace Billing.Functions.Tests;

/// <summary>One entry a <see cref="RecordedLogs"/> kept.</summary>
internal sealed record RecordedLog(LogLevel Level, int EventId, string Message);
