namespace Billing.Cli.Api;

/// <summary>The webhook replay request: events since <see cref="Since"/> (Unix seconds), or all when null.</summary>
internal sealed record ReplayRequest(long? Since);
