using System.Collections;

namespace Billing.Ingestion.Parsing;

/// <summary>
/// The events of one usage file, in file order, read once. If the file's bytes break off (a gzip
/// stream cut short or corrupt) the events end there and <see cref="Error"/> says why: every
/// complete line before the break has been read, the line it broke in has not.
/// </summary>
public sealed class EventFileReader : IEnumerable<RawEvent>
{
    private readonly IEnumerable<RawEvent> events;

    internal EventFileReader(Func<EventFileReader, IEnumerable<RawEvent>> read) => events = read(this);

    /// <summary>Set once the events are enumerated, when the file could not be read to its end; null otherwise.</summary>
    public FileError? Error { get; internal set; }

    public IEnumerator<RawEvent> GetEnumerator() => events.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
