namespace Billing.Benchmarks;

/// <summary>Rounds reported figures (half away from zero, like everything else here).</summary>
internal static class Figures
{
    public static double Round(double value, int digits = 0) => Math.Round(value, digits, MidpointRounding.AwayFromZero);
}
