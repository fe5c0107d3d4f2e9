using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Billing.LocalHost.Triggers;

/// <summary>
/// The storage the host keeps its own state in (the host storage, <c>AzureWebJobsStorage</c>),
/// named like the Functions host's where there is a convention.
/// </summary>
internal sealed class HostStorage
{
    /// <summary>Table of blob-trigger receipts: PK = function, RK = blob name and ETag.</summary>
    public const string ReceiptsTable = "runtimereceipts";

    /// <summary>Container of timer lock blobs (one per function) leased while a timer runs.</summary>
    public const string LocksContainer = "runtime-locks";

    /// <summary>Container of timer schedule status blobs: <c>&lt;function&gt;/status</c>.</summary>
    public const string TimersContainer = "runtime-timers";

    /// <summary>The Functions host's queue of blobs that failed every try.</summary>
    public const string BlobPoisonQueue = "webjobs-blobtrigger-poison";

    public HostStorage(string connectionString)
    {
        ConnectionString = connectionString;
        Tables = new TableServiceClient(connectionString);
        Blobs = new BlobServiceClient(connectionString);
        Queues = new QueueServiceClient(connectionString);
    }

    public string ConnectionString { get; }

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    /// <summary>Raw message text: the host encodes and decodes base64 itself.</summary>
    public QueueServiceClient Queues { get; }

    public static string EncodeMessage(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Base64 as the Functions queue trigger expects; text that is not base64 is taken as it is.</summary>
    public static string DecodeMessage(string body)
    {
        var buffer = new byte[body.Length];
        return Convert.TryFromBase64String(body, buffer, out var written)
            ? new System.Text.UTF8Encoding(false, true).GetString(buffer, 0, written)
            : body;
    }
}
