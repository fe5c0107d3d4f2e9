using System.Globalization;
using System.Security.Cryptography;
using Xunit;

namespace Billing.Testing;

/// <summary>
/// The seed of a test's random choices (a shuffled order): a new one each run, so runs explore
/// different orders, or <see cref="Variable"/> when set, to replay a failure. The seed is written
/// to the test's output when drawn; put the <see cref="TestSeed"/> itself in assertion messages
/// (its text says how to replay). Never <c>string.GetHashCode</c>, which changes from process to
/// process and cannot be replayed.
/// </summary>
public sealed class TestSeed
{
    /// <summary>The environment variable that fixes the seed: <c>BILLING_TEST_SEED=123 ./test.sh -- --filter-method "*Name*"</c>.</summary>
    public const string Variable = "BILLING_TEST_SEED";

    private TestSeed(int value) => Value = value;

    public int Value { get; }

    /// <summary>Draws a seed (or takes <see cref="Variable"/>) and writes it to the current test's output.</summary>
    /// <param name="fixedDefault">
    /// The seed when <see cref="Variable"/> is not set, for a test that should see the same inputs
    /// on every run (a fuzz test in the default suite: other inputs are a variable away); a new
    /// random seed when null.
    /// </param>
    public static TestSeed Draw(int? fixedDefault = null)
    {
        var value = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : fixedDefault ?? RandomNumberGenerator.GetInt32(int.MaxValue);
        var seed = new TestSeed(value);
        TestContext.Current.TestOutputHelper?.WriteLine(seed.ToString());
        return seed;
    }

    /// <summary>A generator on this seed: the same seed gives the same draws.</summary>
    public Random Random() => new(Value);

    /// <summary>The items in an order drawn from this seed (Fisher–Yates).</summary>
    public T[] Shuffle<T>(IEnumerable<T> items)
    {
        var array = items.ToArray();
        Random().Shuffle(array);
        return array;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"seed {Value} (replay with {Variable}={Value})");
}
