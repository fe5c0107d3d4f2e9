using System.CommandLine;
using System.Text.Json;
using Billing.Cli.Api;

namespace Billing.Cli.Commands;

/// <summary><c>billing webhooks replay [--since &lt;time&gt;]</c>: asks the app to process Stripe's webhook events again.</summary>
internal static class WebhooksCommand
{
    public const string Route = "api/test_helpers/webhooks/replay";
    public const string Missing = "webhook replay is not available in this version of the app";

    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var since = TimeArgument.Option(
            "--since", $"Only events created at or after this time: {TimeArgument.Forms}. Default: every stored event.", environment);
        var replay = new Command(
            "replay",
            "Replay Stripe webhook events through the app's webhook handling (dedup by event id makes repeats harmless); shows what was replayed.")
        {
            since,
        };
        replay.SetAction(async (parse, cancellationToken) =>
        {
            using var api = new ApiClient(global.Resolve(parse, environment));
            var request = new ReplayRequest(parse.GetValue(since)?.ToUnixTimeSeconds());
            var answer = await api.PostJsonAsync(Route, request, ApiJson.Default.ReplayRequest, ApiJson.Default.JsonElement, Missing, cancellationToken).ConfigureAwait(false);
            environment.Out.WriteLine(
                answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("replayed", out var replayed) && replayed.TryGetInt64(out var count)
                    ? $"replayed {count} webhook event{(count == 1 ? string.Empty : "s")}"
                    : answer.ToString());
            return ExitCodes.Ok;
        });
        return new Command("webhooks", "Stripe webhooks received by the app.") { replay };
    }
}
