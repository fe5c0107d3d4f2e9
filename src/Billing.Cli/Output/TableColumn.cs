namespace Billing.Cli.Output;

/// <summary>A column of a <see cref="TextTable"/>; numbers and money read best right-aligned.</summary>
internal sealed record TableColumn(string Header, bool RightAligned = false);
