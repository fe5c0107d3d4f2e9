using System.Security.Cryptography;
using System.Text;
using Billing.Domain.Invoicing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Billing.Stripe.Tests;

public sealed class WebhookVerifierTests
{
    private const string Secret = "whsec_gateway_test";
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 5, 0, TimeSpan.Zero);

    private static readonly string Payload =
        $$$"""{"id":"evt_1","object":"event","api_version":"{{{StripeConfiguration.ApiVersion}}}","created":{{{Now.ToUnixTimeSeconds()}}},"type":"invoice.paid","livemode":false,"pending_webhooks":1,"data":{"object":{"id":"in_1","object":"invoice","status":"paid"} } }""";

    private readonly FakeTimeProvider time = new(Now);

    [Fact]
    public void Valid_Verified()
    {
        var result = Verifier().Verify(Payload, Sign(Payload, Now, Secret));

        var verified = Assert.IsType<WebhookVerification.Verified>(result);
        Assert.Equal(("evt_1", "invoice.paid"), (verified.Event.Id, verified.Event.Type));
    }

    [Fact]
    public void ForgedSignature_Rejected()
    {
        Assert.IsType<WebhookVerification.Rejected>(Verifier().Verify(Payload, Sign(Payload, Now, "whsec_attacker")));
        Assert.IsType<WebhookVerification.Rejected>(Verifier().Verify(Payload.Replace("paid", "void", StringComparison.Ordinal), Sign(Payload, Now, Secret)));
    }

    [Fact]
    public void Stale_NowBeyondTolerance_Rejected()
    {
        var header = Sign(Payload, Now, Secret);
        time.Advance(TimeSpan.FromSeconds(301));

        Assert.IsType<WebhookVerification.Rejected>(Verifier().Verify(Payload, header));
        Assert.IsType<WebhookVerification.Verified>(Verifier().Verify(Payload, header, Now.AddSeconds(300)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("t=notanumber,v1=abc")]
    public void MissingOrMalformedHeader_Rejected(string? header)
    {
        var rejected = Assert.IsType<WebhookVerification.Rejected>(Verifier().Verify(Payload, header));

        Assert.False(string.IsNullOrEmpty(rejected.Reason));
        Assert.DoesNotContain(Secret, rejected.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[1]")]
    [InlineData("null")]
    [InlineData("""{"id":"evt_1","type":7}""")]
    [InlineData("""{"id":"evt_1","type":"invoice.paid","created":"yesterday"}""")]
    public void Verify_SignedButNotAnEvent_NotAnEventNotThrown(string payload) =>
        Assert.IsType<WebhookVerification.NotAnEvent>(Verifier().Verify(payload, Sign(payload, Now, Secret)));

    [Fact]
    public void Verify_ForgedBodyThatIsNotAnEvent_RejectedBeforeParsing() =>
        Assert.IsType<WebhookVerification.Rejected>(Verifier().Verify("{}", Sign("{}", Now, "whsec_attacker")));

    private WebhookVerifier Verifier() =>
        new(Options.Create(new StripeOptions { ApiKey = "sk_test_x", WebhookSecret = Secret }), time, NullLogger<WebhookVerifier>.Instance);

    private static string Sign(string payload, DateTimeOffset at, string secret)
    {
        var t = at.ToUnixTimeSeconds();
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{payload}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
