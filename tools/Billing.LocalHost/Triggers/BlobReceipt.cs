using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Billing.LocalHost.Triggers;

/// <summary>
/// The record that one blob version (name and ETag) has been claimed, done or poisoned by a blob
/// trigger, in table <see cref="HostStorage.ReceiptsTable"/>: PK = function name, RK =
/// <see cref="Key"/>. Claims are atomic (insert, or replace with If-Match), so of any number of
/// hosts on one storage account exactly one runs a given try.
/// </summary>
internal static class BlobReceipt
{
    public const string Running = "Running";
    public const string Failed = "Failed";
    public const string Done = "Done";
    public const string Poison = "Poison";

    /// <summary>Table strings hold 32K characters; errors are cut to fit.</summary>
    private const int MaxErrorLength = 30_000;

    /// <summary>
    /// <c>escaped-name@etag</c> (URI-escaped so '/', '#', '?' and '\' cannot appear); a SHA-256 of
    /// both when that would be longer than 512 characters (row keys hold 1 KiB).
    /// </summary>
    public static string Key(string blobName, string etag)
    {
        var key = $"{Uri.EscapeDataString(blobName)}@{etag.Trim('"')}";
        return key.Length <= 512
            ? key
            : "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{blobName}\n{etag}")));
    }

    public static string Status(TableEntity entity) => entity.GetString(nameof(Status)) ?? Failed;

    public static int Tries(TableEntity entity) => entity.GetInt32(nameof(Tries)) ?? 0;

    public static DateTimeOffset LeaseUntil(TableEntity entity) => entity.GetDateTimeOffset(nameof(LeaseUntil)) ?? DateTimeOffset.MinValue;

    public static TableEntity Create(string function, string key, string blobName, string etag, string status, int tries, DateTimeOffset leaseUntil, string owner, string? error, DateTimeOffset now, ETag entityETag = default) =>
        new(function, key)
        {
            ["BlobName"] = blobName,
            ["BlobETag"] = etag,
            [nameof(Status)] = status,
            [nameof(Tries)] = tries,
            [nameof(LeaseUntil)] = leaseUntil,
            ["Owner"] = owner,
            ["LastError"] = error is null ? null : error.Length <= MaxErrorLength ? error : error[..MaxErrorLength],
            ["UpdatedAt"] = now,
            ETag = entityETag,
        };
}
