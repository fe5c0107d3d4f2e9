namespace Billing.Stripe.Tests;

public sealed class OptionsAndKeysTests
{
    [Fact]
    public void Options_ToString_HidesKeyAndSecret()
    {
        var options = new StripeOptions { ApiKey = "sk_test_supersecret", WebhookSecret = "whsec_supersecret" };

        var text = options.ToString();

        Assert.DoesNotContain("supersecret", text, StringComparison.Ordinal);
        Assert.Contains("RequestsPerSecond = 25", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults()
    {
        var options = new StripeOptions { ApiKey = "sk_test_x" };

        options.Validate();

        Assert.Equal((25d, 3, TimeSpan.FromSeconds(300)), (options.RequestsPerSecond, options.MaxNetworkRetries, options.WebhookTolerance));
    }

    [Theory]
    [InlineData("", 25, 3, null)]
    [InlineData("pk_test_publishable", 25, 3, null)]
    [InlineData("sk_test_x", 0, 3, null)]
    [InlineData("sk_test_x", 25, -1, null)]
    [InlineData("sk_test_x", 25, 3, "not a url")]
    public void Options_Invalid_ThrowOnValidate(string key, double rate, int retries, string? apiBase) =>
        Assert.Throws<InvalidOperationException>(() =>
            new StripeOptions { ApiKey = key, RequestsPerSecond = rate, MaxNetworkRetries = retries, ApiBase = apiBase }.Validate());

    [Fact]
    public void IdempotencyKeys_DeterministicDistinctAndBounded()
    {
        var longRun = new string('r', 400);

        Assert.Equal(IdempotencyKeys.For("run-1", "line-0"), IdempotencyKeys.For("run-1", "line-0"));
        Assert.NotEqual(IdempotencyKeys.For("run-1", "line-0"), IdempotencyKeys.For("run-1", "line-1"));
        Assert.NotEqual(IdempotencyKeys.For("run-2", "line-0"), IdempotencyKeys.For("run-1", "line-0"));
        Assert.Equal(IdempotencyKeys.MaxLength, IdempotencyKeys.For(longRun, "a").Length);
        Assert.NotEqual(IdempotencyKeys.For(longRun, "a"), IdempotencyKeys.For(longRun, "b"));
        Assert.Throws<ArgumentException>(() => IdempotencyKeys.For("", "a"));
    }
}
