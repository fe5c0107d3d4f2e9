namespace Billing.Ingestion.Parsing;

/// <summary>
/// Thrown by a checking stream (<see cref="CheckedGzipStream"/>) from inside <see cref="Stream.Read(byte[], int, int)"/>,
/// the only way a stream can say "broken"; <see cref="EventFileReader"/> turns it back into a
/// <see cref="FileError"/>, so it never leaves the parsing layer.
/// </summary>
internal sealed class BrokenFileException(FileError error) : IOException(error.Message)
{
    public FileError Error { get; } = error;
}
