namespace Billing.Cli.Tests.Support;

/// <param name="Key">The x-functions-key header, empty when none was sent.</param>
/// <param name="StripeSignature">The Stripe-Signature header (webhooks), empty when none was sent.</param>
internal sealed record RecordedRequest(string Method, string PathAndQuery, string Key, string Body, string StripeSignature = "");
