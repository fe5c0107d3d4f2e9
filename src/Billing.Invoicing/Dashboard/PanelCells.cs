using static Billing.Invoicing.Dashboard.HtmlText;

namespace Billing.Invoicing.Dashboard;

/// <summary>Table cells shared by the list and the customer pages: threshold progress, cap state, forecast.</summary>
internal static class PanelCells
{
    public static string Threshold(SubscriptionPanel panel)
    {
        if (panel.Usage.Threshold is not { } threshold)
        {
            return "<span class=\"muted\">none</span>"; // only the current period has threshold progress
        }

        var width = decimal.Round(Math.Clamp(threshold.Progress, 0m, 1m) * 100, 0, MidpointRounding.AwayFromZero);
        // The bar is decoration; the text says it all.
        return $"<span class=\"bar\" aria-hidden=\"true\"><span style=\"width:{width}%\"></span></span>{Percent(threshold.Progress)} "
            + $"<span class=\"muted\">of {Money(threshold.AmountGte, panel.Usage.Currency)}</span>";
    }

    public static string Cap(SubscriptionPanel panel) => panel.Cap is { } cap
        ? $"<span class=\"badge {CapClass(cap.State)}\">{E(cap.State)}</span> <span class=\"muted\">{Money(cap.Amount, panel.Usage.Currency)} of {Money(cap.SpendCap, panel.Usage.Currency)}</span>"
        : "<span class=\"muted\">no cap</span>";

    public static string Forecast(SubscriptionPanel panel) => panel.Forecast is { } forecast
        ? $"{Money(forecast.ProjectedAmount, panel.Usage.Currency)} <span class=\"muted\">at period end</span>"
        : "<span class=\"muted\">no forecast</span>";

    public static string Period(SubscriptionPanel panel) => $"{Day(panel.Usage.PeriodStart)} to {Day(panel.Usage.PeriodEnd)}";

    private static string CapClass(string state) => state switch
    {
        "capped" => "capped",
        "warning" => "warning",
        _ => "ok",
    };
}
