using Billing.Cli.Api;
using Billing.Cli.Commands;
using Billing.Cli.Output;

namespace Billing.Cli.Demo;

/// <summary>
/// The demo's alert: before the threshold push, a spend rule on cus_A's subscription one dollar
/// above its current amount (the push adds at least two); after it, waits until the rule has fired
/// and shows the <c>billing.alert.triggered</c> event it published.
/// </summary>
internal sealed class AlertDemo(ApiClient api, CliEnvironment environment)
{
    /// <summary>How far above the current amount the rule is set, in minor units: the push adds at least twice this.</summary>
    private const long Above = 100;

    private static readonly TimeSpan FiredTimeout = TimeSpan.FromSeconds(30);

    private TextWriter Out => environment.Out;

    /// <returns>The rule, or null when there is no current period or the app refused it (said on the console).</returns>
    public async Task<Alert?> CreateAsync(CustomerUsage usage, CancellationToken cancellationToken)
    {
        if (usage.Subscriptions.FirstOrDefault() is not { } subscription)
        {
            return null;
        }

        var request = new AlertRequest(subscription.Subscription, "spend", null, subscription.Amount + Above);
        try
        {
            var alert = await AlertsCommand.CreateAsync(api, request, cancellationToken).ConfigureAwait(false);
            Out.WriteLine($"  alert {alert.Id} on {alert.Subscription}: {AlertsCommand.Describe(alert)} ({Money.Format(subscription.Amount, subscription.Currency)} spent so far)");
            return alert;
        }
        catch (CliException e)
        {
            // An earlier demo in the same period may have left this very rule: the demo goes on without it.
            Out.WriteLine($"  no alert rule: {e.Message}");
            return null;
        }
    }

    /// <summary>Waits (30 s at most) until the rule's <c>last_triggered</c> shows its firing, and shows it.</summary>
    public async Task ShowAsync(Alert alert, CancellationToken cancellationToken)
    {
        var started = environment.Time.GetTimestamp();
        while (true)
        {
            var list = await AlertsCommand.ListAsync(api, alert.Subscription, cancellationToken).ConfigureAwait(false);
            if (list.Data.FirstOrDefault(a => a.Id == alert.Id)?.LastTriggered is { } fired)
            {
                Out.WriteLine(
                    $"  alert {alert.Id} fired: value {Numbers.Quantity(fired.Value)} ≥ {Numbers.Quantity(alert.Gte)}; event {fired.Event} (billing.alert.triggered) " +
                    "sent to every webhook endpoint enabled for it: GET /api/events/" + fired.Event);
                return;
            }

            if (environment.Time.GetElapsedTime(started) > FiredTimeout)
            {
                Out.WriteLine($"  alert {alert.Id} has not fired within {FiredTimeout.TotalSeconds:0} s; see .billing/app.log");
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), environment.Time, cancellationToken).ConfigureAwait(false);
        }
    }
}
