using Billing.Cli.Upload;

namespace Billing.Cli.Api;

/// <summary>A page of <c>GET /api/uploads/rejects</c>: the file's summary and its rejected rows in line order.</summary>
internal sealed record UploadRejects(string Name, FileSummary Summary, IReadOnlyList<RejectedRow> Data, bool HasMore);
