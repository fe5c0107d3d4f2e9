namespace Billing.Cli.Api;

/// <summary>One rejected row of a usage file: a line of its rejects blob, or of <c>GET /api/uploads/rejects</c>.</summary>
/// <param name="Line">The row's line in the file, from 1.</param>
/// <param name="Identifier">The event's identifier, when the row had one.</param>
/// <param name="Reason">The rejection reason code (docs/contracts.md §1).</param>
internal sealed record RejectedRow(long Line, string? Identifier, string Reason, string Message);
