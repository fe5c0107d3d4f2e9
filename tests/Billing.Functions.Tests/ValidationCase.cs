namespace Billing.Functions.Tests;

/// <param name="Status">accepted | duplicate | rejected.</param>
/// <param name="Reason">The rejection reason code, for rejected events.</param>
internal sealed record ValidationCase(string Json, string Status, string? Reason, string? Identifier);
