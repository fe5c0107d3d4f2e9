namespace Billing.Ingestion.Parsing;

/// <summary>The stable codes of <see cref="FileError"/> (docs/contracts.md §1, Files).</summary>
public static class FileErrors
{
    /// <summary>The name ends in none of the supported extensions; the file is not read.</summary>
    public const string UnsupportedFileType = "unsupported_file_type";

    /// <summary>A <c>.gz</c> name, but the content does not start with the gzip signature.</summary>
    public const string NotGzip = "not_gzip";

    /// <summary>The gzip data is damaged: bad compressed data, a CRC-32 or length check that fails, or data after its end.</summary>
    public const string CorruptGzip = "corrupt_gzip";

    /// <summary>The gzip data ends before its end: the file was cut short (or is empty).</summary>
    public const string TruncatedGzip = "truncated_gzip";
}
