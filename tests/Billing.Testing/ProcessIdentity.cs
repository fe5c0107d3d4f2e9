namespace Billing.Testing;

/// <summary>A process as <see cref="ProcessTree"/> names it: pid and start time (clock ticks after boot), and its name for messages.</summary>
public sealed record ProcessIdentity(int Id, long StartTime, string Name)
{
    public override string ToString() => $"{Name} (pid {Id})";
}
