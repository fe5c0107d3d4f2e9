namespace Billing.Cli.Upload;

/// <summary>One version of a usage file in the <c>usage</c> container.</summary>
/// <param name="ETag">The version, as storage reports it.</param>
internal sealed record UploadedFile(string BlobName, string ETag, long Bytes);
