namespace Billing.StripeEmulator.State;

/// <summary>The wire names of <see cref="PaymentOutcome"/>: <c>succeeds</c>, <c>declines</c>, <c>requires_action</c>.</summary>
public static class PaymentOutcomes
{
    public static string ToWire(this PaymentOutcome outcome) => outcome switch
    {
        PaymentOutcome.Succeeds => "succeeds",
        PaymentOutcome.Declines => "declines",
        PaymentOutcome.RequiresAction => "requires_action",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static bool TryParse(string? value, out PaymentOutcome outcome)
    {
        switch (value)
        {
            case "succeeds":
                outcome = PaymentOutcome.Succeeds;
                return true;
            case "declines":
                outcome = PaymentOutcome.Declines;
                return true;
            case "requires_action":
                outcome = PaymentOutcome.RequiresAction;
                return true;
            default:
                outcome = default;
                return false;
        }
    }
}
