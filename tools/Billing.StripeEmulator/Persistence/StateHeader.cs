namespace Billing.StripeEmulator.Persistence;

/// <summary>The first line of the state file: what it is and its format version.</summary>
internal sealed record StateHeader(string Format, int Version)
{
    public const string ExpectedFormat = "billing-stripe-emulator-state";

    public const int CurrentVersion = 1;

    public static StateHeader Current { get; } = new(ExpectedFormat, CurrentVersion);
}
