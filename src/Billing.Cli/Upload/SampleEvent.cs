namespace Billing.Cli.Upload;

/// <summary>One generated meter event; <see cref="ValueKey"/> is null for count meters, which ignore the value.</summary>
internal sealed record SampleEvent(
    string EventName,
    long Timestamp,
    string Identifier,
    string Customer,
    string? ValueKey,
    string? Value,
    SampleOutcome Expected);
