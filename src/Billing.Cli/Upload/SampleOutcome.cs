namespace Billing.Cli.Upload;

/// <summary>What ingestion is expected to make of a sample event.</summary>
internal enum SampleOutcome
{
    Accepted,
    Duplicate,
    Rejected,
}
