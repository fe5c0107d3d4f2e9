using Billing.Cli.Upload;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Cli.Tests.Upload;

public sealed class UploadProgressTests
{
    [Fact]
    public void Progress_OnATerminal_RedrawsABarInPlace()
    {
        var clock = new FakeTimeProvider();
        using var output = new StringWriter();
        var progress = new UploadProgress(output, interactive: true, "usage.jsonl", 4 * 1024 * 1024, clock);

        clock.Advance(TimeSpan.FromSeconds(1));
        progress.Report(2 * 1024 * 1024);
        clock.Advance(TimeSpan.FromSeconds(1));
        progress.Complete();

        var text = output.ToString();
        Assert.Contains("\rusage.jsonl [############------------] 2.0 MB / 4.0 MB  2.0 MB/s", text, StringComparison.Ordinal);
        Assert.Contains("\rusage.jsonl [########################] 4.0 MB / 4.0 MB  2.0 MB/s", text, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_NotATerminal_WritesPlainLinesOnly()
    {
        var clock = new FakeTimeProvider();
        using var output = new StringWriter();
        var progress = new UploadProgress(output, interactive: false, "usage.jsonl", 2048, clock);

        progress.Report(1024);
        clock.Advance(TimeSpan.FromSeconds(2));
        progress.Complete();

        Assert.Equal(
            ["uploading usage.jsonl (2.0 KB)", "uploaded usage.jsonl: 2.0 KB in 2.0 s (1.0 KB/s)"],
            output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }
}
