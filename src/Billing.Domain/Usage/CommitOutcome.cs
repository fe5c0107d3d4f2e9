namespace Billing.Domain.Usage;

/// <summary>What a commit did with each record it was given.</summary>
/// <param name="IsDuplicate">Per record, in input order: true when an earlier event (stored, or earlier in the same batch) had its key.</param>
/// <param name="Accepted">Records newly counted.</param>
/// <param name="Late">True when the partition's period was already invoiced: the accepted records are late usage.</param>
public sealed record CommitOutcome(bool[] IsDuplicate, int Accepted, bool Late)
{
    public int Duplicates => IsDuplicate.Length - Accepted;
}
