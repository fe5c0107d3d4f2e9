namespace Billing.Ingestion.Parsing;

/// <summary>
/// Why a usage file could not be read to its end, or at all: a file-level problem, as opposed to a
/// bad line. The codes (<see cref="FileErrors"/>) are a public contract, like the rejection codes.
/// </summary>
public sealed record FileError(string Code, string Message);
