namespace Billing.Ingestion;

/// <summary>Options of the ingestion core; plain data with documented defaults.</summary>
public sealed class IngestionOptions
{
    public static readonly TimeSpan DefaultMaxEventAge = TimeSpan.FromDays(35);
    public static readonly TimeSpan DefaultMaxFutureSkew = TimeSpan.FromMinutes(5);
    public const int DefaultChunkEvents = 250_000;
    public const int DefaultMaxChunksInFlight = 6;
    public const int DefaultMaxRequestEvents = 10_000;
    public const long DefaultMaxRequestBytes = 10 * 1024 * 1024;
    public const int DefaultMaxRejectRows = 10_000;

    /// <summary>
    /// Most characters of an event's identifier, counted as Unicode scalar values (code points other
    /// than surrogates): an emoji counts one, although UTF-16 (and JSON's <c>\u</c> escapes) spell
    /// it with two units.
    /// </summary>
    public const int MaxIdentifierLength = 100;

    /// <summary>Oldest accepted timestamp, as an age from now (inclusive). Default 35 days.</summary>
    public TimeSpan MaxEventAge { get; set; } = DefaultMaxEventAge;

    /// <summary>Latest accepted timestamp, as a distance into the future (inclusive). Default 5 minutes.</summary>
    public TimeSpan MaxFutureSkew { get; set; } = DefaultMaxFutureSkew;

    /// <summary>
    /// Events of a file parsed before they are committed: bounds memory whatever the file size
    /// (about 100 bytes per event; see <see cref="MaxChunksInFlight"/>). Default 250,000.
    /// </summary>
    public int ChunkEvents { get; set; } = DefaultChunkEvents;

    /// <summary>
    /// Chunks buffered at once by all file ingestions of the process together (being read,
    /// queued or committed): with <see cref="ChunkEvents"/> this bounds memory whatever the number
    /// of files processed at once. Default 6.
    /// </summary>
    public int MaxChunksInFlight { get; set; } = DefaultMaxChunksInFlight;

    /// <summary>Most events in one meter-events request (else 413). Default 10,000.</summary>
    public int MaxRequestEvents { get; set; } = DefaultMaxRequestEvents;

    /// <summary>Largest meter-events request body in bytes (else 413). Default 10 MB.</summary>
    public long MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>
    /// Rejected rows of one file written to its rejects blob; past this only counts per reason are
    /// kept (the summary says so), so a file of nothing but bad lines cannot write a rejects blob
    /// larger than itself. 0 writes counts only. Default 10,000.
    /// </summary>
    public int MaxRejectRows { get; set; } = DefaultMaxRejectRows;

    public void Validate()
    {
        if (MaxEventAge <= TimeSpan.Zero || MaxFutureSkew < TimeSpan.Zero)
        {
            throw new InvalidOperationException("Ingestion: MaxEventAge must be positive and MaxFutureSkew non-negative.");
        }

        if (ChunkEvents < 1 || MaxChunksInFlight < 1 || MaxRequestEvents < 1 || MaxRequestBytes < 1)
        {
            throw new InvalidOperationException("Ingestion: ChunkEvents, MaxChunksInFlight, MaxRequestEvents and MaxRequestBytes must be positive.");
        }

        if (MaxRejectRows < 0)
        {
            throw new InvalidOperationException("Ingestion: MaxRejectRows must not be negative.");
        }
    }
}
