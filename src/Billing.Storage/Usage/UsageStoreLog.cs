using Billing.Domain.Usage;
using Microsoft.Extensions.Logging;

namespace Billing.Storage.Usage;

/// <summary>The usage store's log events (700–709).</summary>
internal static partial class UsageStoreLog
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Information,
        Message = "Usage partition {Partition}: index generation {Generation} written ({Keys} keys in {Buckets} buckets, {Rows} rows, {Bytes} bytes) in {Milliseconds} ms")]
    public static partial void Compacted(ILogger logger, UsagePartition partition, string generation, long keys, int buckets, int rows, long bytes, long milliseconds);

    [LoggerMessage(EventId = 701, Level = LogLevel.Information,
        Message = "Usage partition {Partition}: the head moved while index generation {Generation} was written; it is dropped and the partition re-read")]
    public static partial void CompactionLostRace(ILogger logger, UsagePartition partition, string generation);

    [LoggerMessage(EventId = 702, Level = LogLevel.Warning,
        Message = "Usage partition {Partition}: compaction failed; its commits stand, the partition is re-read and compacted on a later commit")]
    public static partial void CompactionFailed(ILogger logger, UsagePartition partition, Exception exception);

    [LoggerMessage(EventId = 703, Level = LogLevel.Information,
        Message = "Usage partition {Partition}: the cached state is stale ({Reason}); re-reading it")]
    public static partial void Stale(ILogger logger, UsagePartition partition, string reason);
}
