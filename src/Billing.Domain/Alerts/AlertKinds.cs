namespace Billing.Domain.Alerts;

/// <summary>The wire names of <see cref="AlertKind"/> (<c>type</c> in the alerts API).</summary>
public static class AlertKinds
{
    public const string Spend = "spend";

    public const string Usage = "usage";

    public static string Name(AlertKind kind) => kind switch
    {
        AlertKind.Spend => Spend,
        AlertKind.Usage => Usage,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown alert kind."),
    };

    /// <returns>null when <paramref name="name"/> is no kind's name (exact, lower case).</returns>
    public static AlertKind? Parse(string? name) => name switch
    {
        Spend => AlertKind.Spend,
        Usage => AlertKind.Usage,
        _ => null,
    };
}
