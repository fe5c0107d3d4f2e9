namespace Billing.StripeEmulator.Control;

/// <summary>Draws, per API request, whether a fault switch fires (see <see cref="EmulatorSettings"/>).</summary>
internal sealed class FaultInjector(EmulatorSettingsStore settings, EmulatorRandom random)
{
    public InjectedFault BeforeRequest()
    {
        var current = settings.Current;
        if (current.RateLimitFraction <= 0 && current.ServerErrorFraction <= 0)
        {
            return InjectedFault.None;
        }

        var draw = random.NextDouble();
        if (draw < current.RateLimitFraction)
        {
            return InjectedFault.RateLimited;
        }

        return draw < current.RateLimitFraction + current.ServerErrorFraction ? InjectedFault.ServerError : InjectedFault.None;
    }

    /// <summary>Whether the response of a request that has run is dropped (the connection is aborted).</summary>
    public bool LoseResponse()
    {
        var fraction = settings.Current.LostResponseFraction;
        return fraction > 0 && random.NextDouble() < fraction;
    }
}
