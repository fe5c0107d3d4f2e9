using Billing.StripeEmulator.Hosting;
using Microsoft.Extensions.Options;

namespace Billing.StripeEmulator.Control;

/// <summary>The draws behind faults and shuffles; seeded by <see cref="StripeEmulatorOptions.Seed"/> for reproducible runs.</summary>
internal sealed class EmulatorRandom(IOptions<StripeEmulatorOptions> options)
{
    private readonly Random random = options.Value.Seed is { } seed ? new Random(seed) : new Random();

    /// <summary>A draw in [0, 1).</summary>
    public double NextDouble()
    {
        lock (random)
        {
            return random.NextDouble();
        }
    }

    /// <summary>A draw in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        lock (random)
        {
            return random.Next(maxExclusive);
        }
    }
}
