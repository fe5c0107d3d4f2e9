namespace Billing.Domain.Catalog;

/// <summary>
/// A tier as read. <see cref="UpTo"/> is null for the open-ended tier and when <c>up_to</c> was
/// invalid (an error was then recorded). Amounts are in minor units.
/// </summary>
internal sealed record TierDraft(string UpToPath, bool IsOpenEnded, decimal? UpTo, decimal UnitAmountMinor, decimal FlatAmountMinor);
