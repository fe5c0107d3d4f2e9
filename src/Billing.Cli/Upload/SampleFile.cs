using System.Text;
using System.Text.Json;

namespace Billing.Cli.Upload;

/// <summary>A generated usage file: its blob name and its events, in file order (line n is event n-1).</summary>
internal sealed record SampleFile(string Name, IReadOnlyList<SampleEvent> Events)
{
    /// <summary>The file's content: one meter event per line (JSON Lines).</summary>
    public string ToJsonLines()
    {
        var text = new StringBuilder();
        foreach (var sample in Events)
        {
            text.Append(ToJson(sample)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Writes the file into <paramref name="directory"/>; returns its path.</summary>
    public async Task<string> WriteAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Name);
        await File.WriteAllTextAsync(path, ToJsonLines(), cancellationToken).ConfigureAwait(false);
        return path;
    }

    private static string ToJson(SampleEvent sample)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("event_name", sample.EventName);
            json.WriteNumber("timestamp", sample.Timestamp);
            json.WriteString("identifier", sample.Identifier);
            json.WriteStartObject("payload");
            json.WriteString("stripe_customer_id", sample.Customer);
            if (sample.ValueKey is not null)
            {
                json.WriteString(sample.ValueKey, sample.Value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
