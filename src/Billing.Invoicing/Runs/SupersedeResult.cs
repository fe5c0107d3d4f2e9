namespace Billing.Invoicing.Runs;

/// <summary>
/// Superseded: the run issues a fresh Stripe invoice (the steps start again at the draft); or not:
/// the run ended (void, incident recorded, lock released) with <see cref="Status"/>.
/// </summary>
public sealed record SupersedeResult(bool Superseded, string Status);
