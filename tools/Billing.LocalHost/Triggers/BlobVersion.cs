namespace Billing.LocalHost.Triggers;

/// <summary>One version of a blob: an overwrite has a new ETag and is new work.</summary>
/// <param name="Name">The blob's full name in its container.</param>
/// <param name="Capture">The part of the name the trigger path's <c>{name}</c> matches.</param>
/// <param name="ETag">As the service returns it, quoted.</param>
internal sealed record BlobVersion(string Name, string Capture, string ETag, long Length, string? ContentType, DateTimeOffset? LastModified, DateTimeOffset? CreatedOn, string BlobType)
{
    public string Key => BlobReceipt.Key(Name, ETag);
}
