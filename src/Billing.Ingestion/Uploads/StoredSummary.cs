using System.Text.Json;
using Billing.Domain.Ports;
using Billing.Ingestion.UsageFiles;

namespace Billing.Ingestion.Uploads;

/// <summary>A file's summary as ingestion stored it, and whether it describes the file's current version.</summary>
internal static class StoredSummary
{
    /// <exception cref="InvalidDataException">The summary is not the document ingestion writes: only a hand-made blob can be so.</exception>
    public static FileIngestionReport Parse(string name, ReadOnlyMemory<byte> summary)
    {
        try
        {
            return JsonSerializer.Deserialize(summary.Span, IngestionJson.Default.FileIngestionReport)
                ?? throw new InvalidDataException($"The summary of usage file '{name}' is JSON null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The summary of usage file '{name}' is not a summary: {e.Message}", e);
        }
    }

    /// <summary>The summary is of <paramref name="file"/>'s current version (ETags compare without their quotes: headers quote them, listings may not).</summary>
    public static bool Describes(FileIngestionReport summary, UsageFileInfo file) =>
        string.Equals(summary.ETag.Trim('"'), file.Version.Trim('"'), StringComparison.Ordinal);
}
