using System.Text.Json;
using Billing.Cli.Api;
using Billing.Cli.Commands;
using Billing.Cli.Output;

namespace Billing.Cli.Demo;

/// <summary>
/// The demo's last step: the invoice that will close cus_A's current period if no more usage
/// arrives (<c>GET /api/invoices/upcoming</c>, as <c>billing preview</c> shows it), then where to
/// look at all of it: the spend dashboard, and a read-only portal link for cus_A's own admin.
/// </summary>
internal sealed class PreviewDemo(ApiClient api, CliEnvironment environment, Uri dashboard)
{
    private TextWriter Out => environment.Out;

    public async Task RunAsync(SubscriptionUsage? subscription, CancellationToken cancellationToken)
    {
        if (subscription is null)
        {
            Out.WriteLine($"  {ThresholdDemo.Customer} has no subscription in a current period: nothing to preview.");
        }
        else
        {
            var preview = await PreviewCommand.ReadAsync(api, subscription.Subscription, cancellationToken).ConfigureAwait(false);
            PreviewCommand.Write(Out, preview);
        }

        Out.WriteLine();
        Out.WriteLine($"  the spend dashboard: {dashboard}");
        var link = await api.PostJsonAsync(
            $"api/customers/{ThresholdDemo.Customer}/portal_links",
            JsonSerializer.SerializeToElement(new { expires_in = 3600 }),
            ApiJson.Default.JsonElement,
            ApiJson.Default.PortalLink,
            missing: "portal links are not available in this version of the app",
            cancellationToken).ConfigureAwait(false);
        Out.WriteLine($"  {link.Customer}'s portal (read-only, only {link.Customer}, until {Numbers.Time(link.ExpiresAt)}): {link.Url}");
        Out.WriteLine("  (the demo stops the app when it ends: ./run.sh without --demo keeps it running to open them)");
    }
}
