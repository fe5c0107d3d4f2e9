using System.CommandLine;
using Billing.Cli.Upload;

namespace Billing.Cli.Commands;

/// <summary>
/// <c>billing upload &lt;files…&gt;</c>: drops usage files into the <c>usage</c> container and (unless
/// <c>--no-wait</c>) waits for the blob function's summary of each, showing a file's rejections by
/// reason and its first rejected rows.
/// </summary>
internal static class UploadCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Rejected rows shown under a file's summary: enough to see what is wrong (a bad header is one row), few enough not to bury the other files.</summary>
    public const int FirstRejectedRows = 5;

    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var files = new Argument<FileInfo[]>("files")
        {
            Description = "Usage files: JSON Lines (.jsonl, .ndjson, .json) or CSV (.csv), optionally gzip-compressed (.gz); other names are refused.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var prefix = new Option<string>("--prefix")
        {
            Description = "Folders inside the container, e.g. 2026/01/: blob names become <prefix><file name>. No '.' or '..' folders, leading '/' or backslashes. Default: none.",
            HelpName = "path/",
        };
        prefix.Validators.Add(result =>
        {
            if (BlobPrefix.Problem(result.GetValueOrDefault<string>()) is { } problem)
            {
                result.AddError(problem);
            }
        });
        var sample = new Option<bool>("--sample")
        {
            Description = "Also upload a freshly generated sample file for the sample catalog's customers (about 50 events timestamped just now, one duplicate and one reject).",
        };
        var noWait = new Option<bool>("--no-wait") { Description = "Return once uploaded, without waiting for the app to process the files." };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for each file's summary.",
            HelpName = "seconds",
            DefaultValueFactory = _ => (int)DefaultTimeout.TotalSeconds,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
                {
                    return seconds;
                }

                result.AddError($"--timeout must be a positive number of seconds; got '{text}'.");
                return 0;
            },
        };

        var command = new Command(
            "upload",
            "Upload usage files to the 'usage' blob container (name = file name, or --prefix + file name) with progress, then wait for each file's summary: accepted, duplicates, rejected, late; rejections by reason and the first rejected rows (billing rejects shows the rest).")
        {
            files,
            prefix,
            sample,
            noWait,
            timeout,
        };
        command.Validators.Add(result =>
        {
            var named = result.GetValue(files) ?? [];
            if (named.Length == 0 && !result.GetValue(sample))
            {
                result.AddError("Name at least one file to upload, or pass --sample.");
            }

            foreach (var missing in named.Where(f => !f.Exists))
            {
                result.AddError($"File does not exist: '{missing}'.");
            }

            // The app would refuse it unread; better said before the upload than after the wait.
            foreach (var unsupported in named.Where(f => !UsageFileNames.IsSupported(f.Name)))
            {
                result.AddError(UsageFileNames.Unsupported(unsupported.ToString()));
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = global.Resolve(parse, environment);
            var paths = (parse.GetValue(files) ?? []).Select(f => f.FullName).ToList();
            if (parse.GetValue(sample))
            {
                paths.Add(await WriteSampleAsync(environment, cancellationToken).ConfigureAwait(false));
            }

            return await RunAsync(
                new UsageUploader(StorageConnection.Blobs(settings.Connection), environment),
                environment,
                paths,
                BlobPrefix.Normalize(parse.GetValue(prefix)),
                parse.GetValue(noWait) ? null : TimeSpan.FromSeconds(parse.GetValue(timeout)),
                cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Uploads every file, then waits for their summaries (all files are processed in parallel by the app).</summary>
    /// <param name="wait">How long to wait for each summary; null returns right after uploading.</param>
    public static async Task<int> RunAsync(
        UsageUploader uploader,
        CliEnvironment environment,
        IReadOnlyList<string> paths,
        string prefix,
        TimeSpan? wait,
        CancellationToken cancellationToken)
    {
        var uploaded = new List<UploadedFile>();
        foreach (var path in paths)
        {
            uploaded.Add(await uploader.UploadAsync(path, prefix + Path.GetFileName(path), cancellationToken).ConfigureAwait(false));
        }

        if (wait is not { } timeout)
        {
            return ExitCodes.Ok;
        }

        environment.Out.WriteLine($"waiting for the app to process {uploaded.Count} file{(uploaded.Count == 1 ? string.Empty : "s")}…");
        var broken = new List<string>();
        foreach (var file in uploaded)
        {
            var summary = await uploader.WaitForSummaryAsync(file, timeout, cancellationToken).ConfigureAwait(false)
                ?? throw new CliException(
                    ExitCodes.Failed,
                    $"no summary for usage/{file.BlobName} after {timeout.TotalSeconds:0} s: is the app running (./run.sh)? The file is uploaded; it is processed once the app runs.");
            var rows = summary is { Rejected: > 0, RejectsBlob: { } rejects }
                ? await uploader.ReadRejectsAsync(rejects, FirstRejectedRows, cancellationToken).ConfigureAwait(false)
                : null;
            UsageUploader.WriteSummary(environment.Out, file.BlobName, summary, rows);
            if (summary.Error is not null)
            {
                broken.Add(file.BlobName);
            }
        }

        // Every summary is shown first; then the command fails if any file could not be read whole.
        return broken.Count == 0
            ? ExitCodes.Ok
            : throw new CliException(ExitCodes.Failed, $"not read to its end: {string.Join(", ", broken)} (see ERROR above)");
    }

    /// <summary>Writes a fresh sample file to a temporary folder; returns its path.</summary>
    public static async Task<string> WriteSampleAsync(CliEnvironment environment, CancellationToken cancellationToken)
    {
        var sample = SampleUsage.Generate(environment.Time.GetUtcNow());
        var path = await sample.WriteAsync(Path.Combine(Path.GetTempPath(), "billing-samples"), cancellationToken).ConfigureAwait(false);
        environment.Out.WriteLine($"generated {path}: {sample.Events.Count} events for cus_A, cus_B and cus_C (one repeated identifier, one negative value)");
        return path;
    }
}
