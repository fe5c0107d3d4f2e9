namespace Billing.Cli.Upload;

/// <summary>A file-level error of a <see cref="FileSummary"/>: <c>unsupported_file_type</c>, <c>not_gzip</c>, <c>corrupt_gzip</c> or <c>truncated_gzip</c>.</summary>
internal sealed record FileSummaryError(string Code, string Message);
