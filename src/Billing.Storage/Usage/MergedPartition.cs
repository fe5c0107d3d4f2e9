using Billing.Domain.Usage;

namespace Billing.Storage.Usage;

/// <summary>
/// Every pending request for one partition in a group commit: their records concatenated in
/// arrival order (so the first of equal keys still wins), decided together, answered apart.
/// </summary>
internal sealed class MergedPartition(UsagePartition partition, CachedPartition cached)
{
    private readonly List<(PendingCommit Request, int Offset)> sources = [];
    private readonly RecordList records = new();
    private bool[]? isDuplicate;

    public UsagePartition Partition { get; } = partition;

    public string Key { get; } = partition.PartitionKey;

    public CachedPartition Cached { get; } = cached;

    public IReadOnlyList<UsageRecord> Records => records;

    public bool[] IsDuplicate => isDuplicate ??= new bool[records.Count];

    /// <summary>First record not yet decided.</summary>
    public int Start { get; private set; }

    /// <summary>Transactions written for this partition so far: part of each chunk's commit id.</summary>
    public int Part { get; private set; }

    public bool Late { get; private set; }

    /// <summary>The records' keys that the partition's index holds, as resolved for <see cref="ResolvedFor"/>.</summary>
    public IReadOnlySet<UInt128> InIndex { get; private set; } = EmptyKeys;

    /// <summary>The state and index generation <see cref="InIndex"/> was resolved against; a reload or a compaction needs a new answer.</summary>
    public (PartitionState? State, string? Generation) ResolvedFor { get; private set; }

    private static readonly IReadOnlySet<UInt128> EmptyKeys = new HashSet<UInt128>();

    public bool Done => Start >= records.Count;

    public void Add(PendingCommit request)
    {
        sources.Add((request, records.Count));
        records.Add(request.Batch.Records);
    }

    /// <summary>Whether the keys of the records not yet decided must be looked up in the index first.</summary>
    public bool NeedsResolve(PartitionState state) =>
        state.Index is { } index && (!ReferenceEquals(ResolvedFor.State, state) || ResolvedFor.Generation != index.Id);

    public void Resolved(PartitionState state, IReadOnlySet<UInt128> inIndex)
    {
        InIndex = inIndex;
        ResolvedFor = (state, state.Index?.Id);
    }

    /// <summary>The answer for a small partition: it has no index.</summary>
    public IReadOnlySet<UInt128> InIndexOf(PartitionState state) => state.Index is null ? EmptyKeys : InIndex;

    /// <summary>The records up to <paramref name="next"/> were decided and nothing needs writing.</summary>
    public void Skip(int next) => Start = next;

    /// <summary>A transaction carrying <paramref name="plan"/> was written.</summary>
    public void Completed(CommitPlan plan)
    {
        Start = plan.Next;
        Late |= plan.Late;
        Part++;
    }

    /// <summary>Answers every request with its own slice of the decisions.</summary>
    public void Answer()
    {
        // The state after every write of the group: one snapshot, shared by the requests it answers.
        var after = Cached.State is { ETag: { } etag } state ? state.Snapshot(Partition, etag) : null;
        foreach (var (request, offset) in sources)
        {
            var count = request.Batch.Records.Count;
            var slice = IsDuplicate.AsSpan(offset, count).ToArray();
            var accepted = count - slice.Count(d => d);
            request.Completion.TrySetResult(new CommitOutcome(slice, accepted, Late && accepted > 0, after));
        }
    }
}
