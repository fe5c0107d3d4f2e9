using System.Text;
using System.Text.RegularExpressions;
using Billing.Domain.Outbound;
using Billing.Testing;
using EventUtility = Stripe.EventUtility;
using StripeException = Stripe.StripeException;

namespace Billing.Functions.Tests.Outbound;

/// <summary>
/// The receiver's side of the signature (docs/contracts.md §8): the documented verification
/// (<see cref="BillingWebhooks.Verify"/>, the contract's snippet word for word) accepts a real
/// delivery and refuses a forged or a stale one; Stripe's own verification accepts the header too.
/// </summary>
public sealed partial class WebhookSignatureTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Verify_RealDelivery_Accepted()
    {
        var (delivery, secret) = await DeliverOneAsync();

        Assert.True(BillingWebhooks.Verify(delivery.Body, delivery.Signature, secret, delivery.At, Tolerance));
        // The scheme is Stripe's: a Stripe library checks the header as it checks Stripe-Signature.
        EventUtility.ValidateSignature(delivery.Text, delivery.Signature, secret, (long)Tolerance.TotalSeconds, delivery.At.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Verify_ForgedBodySecretOrSignature_Refused()
    {
        var (delivery, secret) = await DeliverOneAsync();
        var t = delivery.At.ToUnixTimeSeconds();
        var forgedBody = Encoding.UTF8.GetBytes(delivery.Text.Replace("\"total\":12000", "\"total\":1", StringComparison.Ordinal));
        var otherSecret = "whsec_" + new string('0', 48);
        var signedWithOther = Billing.Invoicing.Outbound.WebhookSignature.Header(otherSecret, delivery.At, delivery.Body);

        Assert.NotEqual(delivery.Text, Encoding.UTF8.GetString(forgedBody));
        Assert.False(BillingWebhooks.Verify(forgedBody, delivery.Signature, secret, delivery.At, Tolerance));
        Assert.False(BillingWebhooks.Verify(delivery.Body, signedWithOther, secret, delivery.At, Tolerance));
        Assert.False(BillingWebhooks.Verify(delivery.Body, delivery.Signature, otherSecret, delivery.At, Tolerance));
        Assert.False(BillingWebhooks.Verify(delivery.Body, $"t={t},v1={new string('a', 64)}", secret, delivery.At, Tolerance));
        Assert.False(BillingWebhooks.Verify(delivery.Body, $"t={t}", secret, delivery.At, Tolerance));
        Assert.False(BillingWebhooks.Verify(delivery.Body, null, secret, delivery.At, Tolerance));
        // A signature moved to another time does not hold either.
        Assert.False(BillingWebhooks.Verify(delivery.Body, delivery.Signature!.Replace($"t={t}", $"t={t + 1}", StringComparison.Ordinal), secret, delivery.At, Tolerance));
        Assert.Throws<StripeException>(() => EventUtility.ValidateSignature(Encoding.UTF8.GetString(forgedBody), delivery.Signature, secret, 300, t));
    }

    [Fact]
    public async Task Verify_SignedMoreThanFiveMinutesAwayFromNow_RefusedAsStale()
    {
        var (delivery, secret) = await DeliverOneAsync();

        Assert.True(BillingWebhooks.Verify(delivery.Body, delivery.Signature, secret, delivery.At + Tolerance, Tolerance));
        Assert.False(BillingWebhooks.Verify(delivery.Body, delivery.Signature, secret, delivery.At + Tolerance + TimeSpan.FromSeconds(1), Tolerance));
        Assert.False(BillingWebhooks.Verify(delivery.Body, delivery.Signature, secret, delivery.At - Tolerance - TimeSpan.FromSeconds(1), Tolerance));
        Assert.Throws<StripeException>(() => EventUtility.ValidateSignature(delivery.Text, delivery.Signature, secret, 300, delivery.At.ToUnixTimeSeconds() + 301));
    }

    [Fact]
    public void ContractsSnippet_IsTheVerificationTheTestsRun()
    {
        var root = Billing.LocalDev.RepositoryRoot.Find(AppContext.BaseDirectory);
        var contracts = File.ReadAllText(Path.Combine(root, "docs", "contracts.md"));
        var helper = File.ReadAllText(Path.Combine(root, "tests", "Billing.Functions.Tests", "Outbound", "WebhookSignatureCheck.cs"));

        var documented = Snippet().Match(contracts);
        var tested = Marked().Match(helper);

        Assert.True(documented.Success, "docs/contracts.md has no ```csharp block with BillingWebhooks.Verify");
        Assert.True(tested.Success, "WebhookSignatureCheck.cs has no // <verify> … // </verify> block");
        // The helper sits in the tests' namespace; the contract's copy in none.
        Assert.Equal(Lines(tested.Groups[1].Value).Where(l => !l.StartsWith("namespace ", StringComparison.Ordinal)), Lines(documented.Groups[1].Value));
    }

    private static IEnumerable<string> Lines(string code) =>
        code.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0);

    /// <summary>Registers an endpoint and delivers one invoice.paid event to the receiver.</summary>
    private async Task<(ReceivedWebhook Delivery, string Secret)> DeliverOneAsync()
    {
        await using var h = await OutboundHarness.CreateAsync(azurite);
        var endpoint = await h.CreateEndpointAsync(h.Receiver.Url, OutboundEventTypes.InvoicePaid);
        await h.PublishAsync(OutboundEventTypes.InvoicePaid, "invoice.paid:inv_sig", new { id = "inv_sig", total = 12000 });
        await h.DeliverAllAsync();
        return (Assert.Single(h.Receiver.Received), endpoint.GetProperty("secret").GetString()!);
    }

    [GeneratedRegex(@"```csharp\n(using System\.Globalization;.*?public static class BillingWebhooks.*?)```", RegexOptions.Singleline)]
    private static partial Regex Snippet();

    [GeneratedRegex(@"// <verify>\n(.*?)// </verify>", RegexOptions.Singleline)]
    private static partial Regex Marked();
}
