using Billing.Cli.Output;

namespace Billing.Cli.Upload;

/// <summary>
/// Shows one file's upload: on a terminal a bar redrawn in place (bytes sent / total, rate); otherwise
/// one line when it starts and one when it is done, so logs stay readable.
/// </summary>
internal sealed class UploadProgress : IProgress<long>
{
    private const int BarWidth = 24;
    private static readonly TimeSpan RedrawEvery = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter output;
    private readonly bool interactive;
    private readonly string label;
    private readonly long total;
    private readonly TimeProvider time;
    private readonly long started;
    private readonly Lock gate = new();
    private long lastDraw;
    private long sent;

    public UploadProgress(TextWriter output, bool interactive, string label, long total, TimeProvider time)
    {
        this.output = output;
        this.interactive = interactive;
        this.label = label;
        this.total = total;
        this.time = time;
        started = time.GetTimestamp();
        if (!interactive)
        {
            output.WriteLine($"uploading {label} ({Numbers.Bytes(total)})");
        }
    }

    public void Report(long value)
    {
        lock (gate)
        {
            sent = Math.Max(sent, value);
            var now = time.GetTimestamp();
            if (interactive && time.GetElapsedTime(lastDraw, now) >= RedrawEvery)
            {
                lastDraw = now;
                Draw();
            }
        }
    }

    /// <summary>Ends the bar (or writes the closing line) once the upload has finished.</summary>
    public void Complete()
    {
        lock (gate)
        {
            sent = total;
            var elapsed = time.GetElapsedTime(started);
            if (interactive)
            {
                Draw();
                output.WriteLine();
            }
            else
            {
                output.WriteLine($"uploaded {label}: {Numbers.Bytes(total)} in {elapsed.TotalSeconds:0.0} s ({Rate(elapsed)})");
            }
        }
    }

    private void Draw()
    {
        var fraction = total == 0 ? 1d : Math.Clamp((double)sent / total, 0, 1);
        var filled = (int)(fraction * BarWidth);
        var bar = new string('#', filled) + new string('-', BarWidth - filled);
        output.Write($"\r{label} [{bar}] {Numbers.Bytes(sent)} / {Numbers.Bytes(total)}  {Rate(time.GetElapsedTime(started))}   ");
        output.Flush();
    }

    private string Rate(TimeSpan elapsed) =>
        elapsed.TotalSeconds < 0.001 ? "-" : $"{Numbers.Bytes(sent / elapsed.TotalSeconds)}/s";
}
