namespace Billing.Domain.Usage;

/// <summary>What a commit did with each record it was given.</summary>
/// <param name="IsDuplicate">Per record, in input order: true when an earlier event (stored, or earlier in the same batch) had its key.</param>
/// <param name="Accepted">Records newly counted.</param>
/// <param name="Late">True when the partition's period was already invoiced: the accepted records are late usage.</param>
/// <param name="After">
/// The partition's aggregates as the commit left them (this commit's records included, and those of
/// commits merged with it), when the ledger has them at hand; null otherwise (read them). Lets a
/// caller answer with the period's new amount without another read (spend caps, docs/contracts.md §9).
/// </param>
public sealed record CommitOutcome(bool[] IsDuplicate, int Accepted, bool Late, UsageSnapshot? After = null)
{
    public int Duplicates => IsDuplicate.Length - Accepted;
}
