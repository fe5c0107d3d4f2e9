using System.Text;
using System.Text.Json;

namespace Billing.StripeEmulator.Persistence;

/// <summary>
/// The state file, <see cref="FileName"/> in the data folder: a journal of JSON lines. Line 1 is the
/// <see cref="StateHeader"/>; line 2 the whole state when the emulator started (a
/// <see cref="StateEntry"/> holding every object); every later line one change. At each start the
/// file is read, then rewritten as header and whole state (a temporary file, flushed to disk, then
/// renamed over it), so it never grows beyond one run's changes.
/// </summary>
internal static class StateFile
{
    public const string FileName = "stripe-emulator-state.jsonl";

    /// <summary>Held open, unshared, while an emulator uses the folder, so that a second one refuses to start.</summary>
    public const string LockFileName = "stripe-emulator.lock";

    /// <summary>
    /// The entries of the file at <paramref name="path"/>, in order. A last line without its newline
    /// is a change whose write was cut short (the process or machine stopped mid-write): it is left
    /// out and its length returned in <paramref name="tornBytes"/>. Anything else that is not as
    /// written (no header, another format, a line that is not a valid entry, the whole state cut
    /// short) throws <see cref="EmulatorStateException"/> naming the file and the line.
    /// </summary>
    public static List<StateEntry> Read(string path, out int tornBytes)
    {
        var bytes = File.ReadAllBytes(path);
        var entries = new List<StateEntry>();
        tornBytes = 0;
        var start = 0;
        for (var line = 1; start < bytes.Length; line++)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
            {
                if (line <= 2)
                {
                    throw Damaged(path, line, line == 1 ? "the header is cut short" : "the saved state is cut short");
                }

                tornBytes = bytes.Length - start;
                break;
            }

            var json = bytes.AsSpan(start, end - start);
            if (line == 1)
            {
                CheckHeader(path, json);
            }
            else
            {
                entries.Add(Parse(path, line, json));
            }

            start = end + 1;
        }

        if (start == 0 && tornBytes == 0)
        {
            throw Damaged(path, 1, "the file is empty");
        }

        return entries;
    }

    /// <summary>
    /// Replaces the file at <paramref name="path"/> with the header and <paramref name="state"/>: written
    /// to a temporary file, flushed to disk, then renamed over the old one, so that the folder holds the
    /// old file or the new one, whole, whatever happens meanwhile.
    /// </summary>
    public static void Rewrite(string path, StateEntry state)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            stream.Write(StateJson.Line(StateHeader.Current));
            stream.Write(StateJson.Line(state));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void CheckHeader(string path, ReadOnlySpan<byte> json)
    {
        StateHeader? header;
        try
        {
            header = JsonSerializer.Deserialize<StateHeader>(json, StateJson.Options);
        }
        catch (JsonException e)
        {
            throw Damaged(path, 1, $"it is not a Stripe emulator state file ({e.Message})", e);
        }

        if (header?.Format != StateHeader.ExpectedFormat)
        {
            throw Damaged(path, 1, $"it is not a Stripe emulator state file (format '{header?.Format}')");
        }

        if (header.Version != StateHeader.CurrentVersion)
        {
            throw Damaged(path, 1, $"it has format version {header.Version}; this emulator reads version {StateHeader.CurrentVersion}");
        }
    }

    private static StateEntry Parse(string path, int line, ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<StateEntry>(json, StateJson.Options)
                ?? throw Damaged(path, line, "the line is null");
        }
        catch (JsonException e)
        {
            var text = Encoding.UTF8.GetString(json[..Math.Min(json.Length, 80)]);
            throw Damaged(path, line, $"{e.Message} (the line starts '{text}')", e);
        }
    }

    public static EmulatorStateException Damaged(string path, int line, string reason, Exception? inner = null) => new(
        $"The Stripe emulator's state file {path} is damaged at line {line}: {reason}. The emulator does not start and leaves the " +
        "file as it is: move it aside to keep it for inspection (or delete it, losing the emulator's customers, invoices, events and " +
        "idempotency keys) and start again, or give StripeEmulator:DataDirectory another folder.",
        inner);
}
