namespace Billing.Domain.Ports;

/// <summary>
/// Usage files and what ingesting one leaves next to it: its rejected rows and its summary, each
/// replaced whole by a later run on the same file (docs/contracts.md §1, Files).
/// </summary>
public interface IUsageFiles
{
    /// <summary>
    /// Opens one version of a file for reading. Pinned to <paramref name="version"/>: if the file is
    /// overwritten meanwhile, reading fails, and the new version is ingested by its own run.
    /// </summary>
    /// <param name="version">The version (the blob's ETag) the run was started for.</param>
    Task<Stream> OpenAsync(string container, string name, string version, CancellationToken cancellationToken);

    /// <summary>Stores the file's rejected rows (JSON Lines), replacing an earlier version's.</summary>
    /// <returns>Where they are, <c>{container}/{path}</c>, as the summary names it.</returns>
    Task<string> WriteRejectsAsync(string name, Stream rows, CancellationToken cancellationToken);

    /// <summary>Removes rejects an earlier version of the file left, if any: they no longer describe it.</summary>
    Task DeleteRejectsAsync(string name, CancellationToken cancellationToken);

    /// <summary>Stores the file's summary (a UTF-8 JSON document), replacing an earlier one.</summary>
    Task WriteSummaryAsync(string name, ReadOnlyMemory<byte> summary, CancellationToken cancellationToken);

    /// <summary>
    /// The files of the usage container whose names start with <paramref name="prefix"/>, in the
    /// store's name order, from the first name ordinally after <paramref name="startAfter"/> (from
    /// the start when null). The listing is lazy: a caller stops when it has enough.
    /// </summary>
    IAsyncEnumerable<UsageFileInfo> ListAsync(string prefix, string? startAfter, CancellationToken cancellationToken);

    /// <summary>The file of the usage container named <paramref name="name"/>, or null when there is none.</summary>
    Task<UsageFileInfo?> FindAsync(string name, CancellationToken cancellationToken);

    /// <summary>The summary the last ingestion of the file wrote (UTF-8 JSON), or null when there is none (yet).</summary>
    Task<ReadOnlyMemory<byte>?> ReadSummaryAsync(string name, CancellationToken cancellationToken);

    /// <summary>The file's rejected rows (JSON Lines) as the last ingestion wrote them, or null when there are none.</summary>
    Task<Stream?> OpenRejectsAsync(string name, CancellationToken cancellationToken);
}
