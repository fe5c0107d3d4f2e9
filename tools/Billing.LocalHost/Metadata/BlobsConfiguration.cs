namespace Billing.LocalHost.Metadata;

/// <summary><c>extensions.blobs</c>.</summary>
/// <param name="MaxDegreeOfParallelism">Blob invocations at once per host; default 8.</param>
/// <param name="PoisonBlobThreshold">Tries of one blob version before it is poisoned; default 5.</param>
public sealed record BlobsConfiguration(int MaxDegreeOfParallelism, int PoisonBlobThreshold)
{
    public const int DefaultMaxDegreeOfParallelism = 8;
    public const int DefaultPoisonBlobThreshold = 5;
}
