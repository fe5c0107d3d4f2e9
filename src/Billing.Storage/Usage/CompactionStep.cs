namespace Billing.Storage.Usage;

/// <summary>Points of a compaction a test can stop at (<see cref="UsageStore.CompactionProbe"/>) to play a crash.</summary>
internal enum CompactionStep
{
    /// <summary>A transaction of index rows of the new generation was written.</summary>
    IndexRowsWritten,

    /// <summary>Every row of the new generation is written; the head is not switched yet.</summary>
    GenerationWritten,

    /// <summary>The head names the new generation; the old one is not deleted yet.</summary>
    Switched,
}
