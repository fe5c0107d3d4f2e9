namespace Billing.Benchmarks;

/// <summary>How many events of a workload (or of one part of it) are valid and new, repeated, and invalid.</summary>
internal readonly record struct WorkloadTruth(long Accepted, long Duplicates, long Rejected)
{
    public static WorkloadTruth operator -(WorkloadTruth later, WorkloadTruth earlier) =>
        new(later.Accepted - earlier.Accepted, later.Duplicates - earlier.Duplicates, later.Rejected - earlier.Rejected);
}
