using Billing.Domain.Usage;

namespace Billing.Ingestion.Validation;

/// <summary>An accepted-for-commit event: where it goes and what it adds.</summary>
/// <param name="Identifier">The event's identifier, or the one derived from its content when it had none.</param>
public readonly record struct ValidEvent(UsagePartition Partition, UsageRecord Record, string Identifier);
