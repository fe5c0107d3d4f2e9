using System.Text.Json;
using Billing.Ingestion.Parsing;
using Billing.Ingestion.Validation;

namespace Billing.Ingestion.UsageFiles;

/// <summary>
/// A file's rejected rows, one JSON line each, written to a local file (bounded memory) and
/// uploaded at the end. Every rejection is counted by reason; only the first
/// <c>maxRows</c> are written as rows, so a file of millions of bad lines makes a rejects blob of
/// bounded size and a summary that says how many of each kind there were.
/// </summary>
internal sealed class RejectsFile : IAsyncDisposable
{
    private static readonly RejectionReason[] Reasons = Enum.GetValues<RejectionReason>();

    private readonly FileStream file;
    private readonly Utf8JsonWriter json;
    private readonly int maxRows;
    private readonly long[] byReason = new long[Reasons.Length];
    private long rows;

    public RejectsFile(string path, int maxRows)
    {
        file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024);
        json = new Utf8JsonWriter(file);
        this.maxRows = maxRows;
    }

    /// <summary>Rejections past the first <c>maxRows</c> were counted but not written.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Rejections per reason code, in the order of the reason codes; reasons that did not occur are left out.</summary>
    public IReadOnlyDictionary<string, long> CountsByReason()
    {
        var counts = new Dictionary<string, long>();
        for (var i = 0; i < Reasons.Length; i++)
        {
            if (byReason[i] > 0)
            {
                counts.Add(Reasons[i].Code(), byReason[i]);
            }
        }

        return counts;
    }

    public void Write(RawEvent raw, Rejection rejection)
    {
        byReason[(int)rejection.Reason]++;
        if (rows == maxRows)
        {
            Truncated = true;
            return;
        }

        rows++;
        json.WriteStartObject();
        json.WriteNumber("line", raw.Line);
        if (raw.Identifier is null)
        {
            json.WriteNull("identifier");
        }
        else
        {
            json.WriteString("identifier", raw.Identifier);
        }

        json.WriteString("reason", rejection.Code);
        json.WriteString("message", rejection.Message);
        json.WriteEndObject();
        json.Flush();
        json.Reset();
        file.WriteByte((byte)'\n');
    }

    public async ValueTask DisposeAsync()
    {
        await json.DisposeAsync().ConfigureAwait(false);
        await file.DisposeAsync().ConfigureAwait(false);
    }
}
