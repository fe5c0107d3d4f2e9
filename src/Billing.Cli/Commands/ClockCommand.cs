using System.CommandLine;
using Billing.Cli.Api;
using Billing.Cli.Output;

namespace Billing.Cli.Commands;

/// <summary><c>billing clock advance &lt;time&gt;</c>: moves the app's test clock (docs/contracts.md §6).</summary>
internal static class ClockCommand
{
    public const string Route = "api/test_helpers/clock/advance";
    public const string NowRoute = "api/test_helpers/clock";
    public const string Missing = "the test clock is not available in this version of the app (or the app runs with Billing__TestClock off)";

    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var time = new Argument<DateTimeOffset>("time")
        {
            Description = $"The new time: {TimeArgument.Forms}. Relative times count from the test clock's current time.",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
                if (TimeArgument.TryParse(text, environment.Time.GetUtcNow(), out var parsed))
                {
                    return parsed;
                }

                result.AddError($"'{text}' is not a time: use {TimeArgument.Forms}.");
                return default;
            },
        };
        var advance = new Command(
            "advance",
            "Move the test clock forward to a time and run every timer that fell due (period closes, invoices), like Stripe's test clocks.")
        {
            time,
        };
        advance.SetAction(async (parse, cancellationToken) =>
        {
            using var api = new ApiClient(global.Resolve(parse, environment));
            var target = parse.GetRequiredValue(time).ToUnixTimeSeconds();
            var text = parse.GetResult(time)?.Tokens.FirstOrDefault()?.Value;
            if (TimeArgument.IsRelative(text))
            {
                // The parser checked the form against this machine's clock; "+31d" means 31 days
                // after the test clock's time, which stands still between advances.
                var clock = await api.GetAsync(NowRoute, ApiJson.Default.TestClockNow, Missing, cancellationToken).ConfigureAwait(false);
                TimeArgument.TryParse(text, DateTimeOffset.FromUnixTimeSeconds(clock.Now), out var relative);
                target = relative.ToUnixTimeSeconds();
            }

            var answer = await api.PostJsonAsync(Route, new FrozenTime(target), ApiJson.Default.FrozenTime, ApiJson.Default.JsonElement, Missing, cancellationToken).ConfigureAwait(false);
            var now = answer.ValueKind == System.Text.Json.JsonValueKind.Object && answer.TryGetProperty("frozen_time", out var frozen) && frozen.TryGetInt64(out var seconds)
                ? seconds
                : target;
            environment.Out.WriteLine($"test clock now at {Numbers.Time(now)} ({now})");
            return ExitCodes.Ok;
        });
        return new Command("clock", "The app's test clock (local and test runs only).") { advance };
    }
}
