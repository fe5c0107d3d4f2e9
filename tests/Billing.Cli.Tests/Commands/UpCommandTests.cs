using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Billing.Cli.Hosting;
using Billing.Cli.Tests.Support;
using Billing.LocalDev;
using Billing.StripeEmulator.Hosting;

namespace Billing.Cli.Tests.Commands;

/// <summary>
/// <c>billing up</c> and Stripe: the emulator stands in when no key is configured. The app is a
/// <see cref="FakeAppHost"/> whose front is a <see cref="CannedServer"/> (it receives the emulator's
/// webhooks); the emulator is the real one.
/// </summary>
public sealed class UpCommandTests : IDisposable
{
    private const string ConfiguredSecret = "whsec_ConfiguredSecretNotForPrinting";

    /// <summary>2026-12-07T01:30:00Z: eleven periods after the sample catalog's 2026-01-01 anchors have ended.</summary>
    private static readonly DateTimeOffset December7 = new(2026, 12, 7, 1, 30, 0, TimeSpan.Zero);

    private readonly string root = Directory.CreateTempSubdirectory("billing-cli-up").FullName;
    private readonly HttpClient http = new();

    public UpCommandTests()
    {
        // The sample catalog: cus_A (with a name and an email), cus_B, cus_C (no email).
        Directory.CreateDirectory(Path.Combine(root, "samples"));
        File.Copy(Path.Combine(RepositoryRoot.Find(), "samples", "catalog.json"), Path.Combine(root, "samples", "catalog.json"));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Up_NoStripeKey_AppGetsTheEmulatorWithTheCatalogCustomersAndItsWebhooks()
    {
        WriteSettings(new() { [LocalSettings.StripeApiKey] = "", [LocalSettings.StripeWebhookSecret] = ConfiguredSecret, ["Stripe__RequestsPerSecond"] = "7" });
        await using var front = await CannedServer.StartAsync(200);
        JsonNode? customerA = null;
        JsonNode? customerC = null;
        RecordedRequest? webhook = null;
        var app = new FakeAppHost(front.Url, async options =>
        {
            // The app stops first, so the emulator still answers here.
            customerA = await GetAsync(options, "v1/customers/cus_A");
            customerC = await GetAsync(options, "v1/customers/cus_C");
            using var created = await SendAsync(options, HttpMethod.Post, "v1/invoices", new FormUrlEncodedContent([new("customer", "cus_A")]));
            created.EnsureSuccessStatusCode();
            webhook = await front.FirstRequest.WaitAsync(Ct); // invoice.created, sent to the app's front
        });

        var result = await RunUntilStartedThenStopAsync(app);

        Assert.True(result.ExitCode == 0, result.ToString());
        var settings = app.Options!.Settings;
        var apiBase = settings[LocalSettings.StripeApiBase];
        var secret = settings[LocalSettings.StripeWebhookSecret];
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", apiBase);
        Assert.Equal(StripeEmulatorServer.TestApiKey, settings[LocalSettings.StripeApiKey]);
        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", secret);
        Assert.NotEqual(ConfiguredSecret, secret);
        Assert.Equal("7", settings["Stripe__RequestsPerSecond"]);
        Assert.Equal(("cus_A", "Acme Analytics", "billing@acme.example"), ((string?)customerA!["id"], (string?)customerA["name"], (string?)customerA["email"]));
        Assert.Equal(("cus_C", "Cobalt Research"), ((string?)customerC!["id"], (string?)customerC["name"]));
        Assert.Equal(("POST", "/api/stripe/webhook"), (webhook!.Method, webhook.PathAndQuery));
        Assert.Equal("invoice.created", (string?)JsonNode.Parse(webhook.Body)!["type"]);
        Assert.Equal(Signature(webhook.Body, secret, webhook.StripeSignature), webhook.StripeSignature);
        Assert.True(app.Disposed);
        Assert.Contains($"  Stripe     emulator at {apiBase} (no Stripe__ApiKey configured; key {StripeEmulatorServer.TestApiKey}; customers cus_A, cus_B, cus_C)", result.Out, StringComparison.Ordinal);
        Assert.Contains($"  webhooks   from the emulator to {front.Url}api/stripe/webhook", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("whsec_", result.Out, StringComparison.Ordinal);
        Assert.Contains("  ./billing invoices ", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("clock advance", result.Out, StringComparison.Ordinal); // the test clock is off
        // Stopped with the app: nothing listens there any more.
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(apiBase + "/v1/customers"), Ct));
    }

    [Fact]
    public async Task Up_StripeKeyConfigured_StartsNoEmulatorAndNeverPrintsTheKeyOrSecret()
    {
        const string key = "sk_test_51KeyNotForPrinting0123456789";
        WriteSettings(new() { [LocalSettings.StripeApiKey] = key, [LocalSettings.StripeWebhookSecret] = ConfiguredSecret, [LocalSettings.TestClock] = "true" });
        var app = new FakeAppHost(new Uri("http://127.0.0.1:7071/"));

        var result = await RunUntilStartedThenStopAsync(app);

        Assert.True(result.ExitCode == 0, result.ToString());
        var settings = app.Options!.Settings;
        Assert.Equal((key, ConfiguredSecret), (settings[LocalSettings.StripeApiKey], settings[LocalSettings.StripeWebhookSecret]));
        Assert.False(settings.ContainsKey(LocalSettings.StripeApiBase));
        Assert.Contains("  Stripe     https://api.stripe.com with sk_test_… (Stripe__ApiKey)", result.Out, StringComparison.Ordinal);
        Assert.Contains("stripe listen --forward-to http://127.0.0.1:7071/api/stripe/webhook", result.Out, StringComparison.Ordinal);
        Assert.Contains("and set Stripe__WebhookSecret to the whsec_… it prints (it is set)", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("emulator", result.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("  ./billing clock advance +31d ", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("NotForPrinting", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_Started_PrintsTheDashboardUrlWithTheKeyAndNeverThePortalSigningKey()
    {
        WriteSettings(new() { [LocalSettings.StripeApiKey] = "sk_test_x", ["Portal__SigningKey"] = "portal-key-NotForPrinting-0123456789abcdef" });
        var app = new FakeAppHost(new Uri("http://127.0.0.1:7071/"));

        var result = await RunUntilStartedThenStopAsync(app);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"  dashboard  http://127.0.0.1:7071/api/dashboard?code={app.HostKey}   (open it in a browser; the key is in the URL)", result.Out, StringComparison.Ordinal);
        Assert.Contains("/api/customers/cus_A/portal_links", result.Out, StringComparison.Ordinal);
        Assert.Equal("portal-key-NotForPrinting-0123456789abcdef", app.Options!.Settings["Portal__SigningKey"]);
        Assert.DoesNotContain("NotForPrinting", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_FirstRunWithTheSample_GivesTheAppAndTheEmulatorTheCatalogAnchoredInTheCurrentMonth()
    {
        File.Copy(Path.Combine(RepositoryRoot.Find(), LocalSettings.SampleFileName), Path.Combine(root, LocalSettings.SampleFileName));
        var app = new FakeAppHost(new Uri("http://127.0.0.1:7071/"));

        var result = await RunUntilStartedThenStopAsync(app, December7);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(".billing/catalog.json", app.Options!.Settings[LocalSettings.CatalogPath]);
        Assert.Contains(
            "  catalog: .billing/catalog.json, the sample's subscriptions anchored at 2026-12-01T00:00:00Z (the current month) so nothing before it is billed",
            result.Out,
            StringComparison.Ordinal);
        Assert.Contains("  catalog .billing/catalog.json: 5 meters, 6 prices, 3 customers (cus_A, cus_B, cus_C), 3 subscriptions", result.Out, StringComparison.Ordinal);
        Assert.Contains("customers cus_A, cus_B, cus_C)", result.Out, StringComparison.Ordinal); // seeded in the emulator from the copy
        Assert.DoesNotContain("warning: more periods", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_CatalogAnchoredElevenPeriodsAgo_WarnsWhatTheAppWillDoAndHowToChangeIt()
    {
        WriteSettings(new() { [LocalSettings.StripeApiKey] = "sk_test_51KeyNotForPrinting0123456789" });
        var app = new FakeAppHost(new Uri("http://127.0.0.1:7071/"));

        var result = await RunUntilStartedThenStopAsync(app, December7);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("samples/catalog.json", app.Options!.Settings[LocalSettings.CatalogPath]); // an existing file is not touched
        Assert.Contains(
            """
              warning: more periods have ended than the app invoices at once (Billing__MaxCatchUpPeriods = 3):
                sub_A  11 periods, 2026-01-01T00:00:00Z to 2026-12-01T00:00:00Z
                sub_B  11 periods, 2026-01-01T00:00:00Z to 2026-12-01T00:00:00Z
                sub_C  11 periods, 2026-01-01T00:00:00Z to 2026-12-01T00:00:00Z
              ClosePeriods sends nothing for them, not even their subscription_create invoice, and says so (app warn: below),
              unless an earlier run invoiced those periods already. To invoice them, set
              Values.Billing__MaxCatchUpPeriods in local.settings.json to 11 or more; to bill from this month instead,
              set their billing_cycle_anchor in samples/catalog.json to 2026-12-01T00:00:00Z.
            """.ReplaceLineEndings("\n"),
            result.Out.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_AppLogsAWarning_PrintsItOnTheConsole()
    {
        const string warning = "warn: Billing.Invoicing.Workflows.ClosePeriodsHandler[302] ClosePeriods: sub_A has 11 ended periods to invoice at once";
        WriteSettings(new() { [LocalSettings.StripeApiKey] = "sk_test_51KeyNotForPrinting0123456789" });
        // As the app's ClosePeriods would at start-up, in up's own flow (its output is not thread-safe).
        var app = new FakeAppHost(new Uri("http://127.0.0.1:7071/")) { OnStart = options => options.Alerts!(warning) };

        var result = await RunUntilStartedThenStopAsync(app);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"\napp {warning}\n", result.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        http.Dispose();
        Directory.Delete(root, recursive: true);
    }

    /// <summary>Runs <c>up</c>, stops it (as Ctrl+C does) once the app has started, and waits until it has stopped.</summary>
    /// <param name="now">The CLI's clock; <see cref="CliRun.Now"/> (inside the sample's first period) by default.</param>
    private async Task<CliResult> RunUntilStartedThenStopAsync(FakeAppHost app, DateTimeOffset? now = null)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var run = CliRun.RunUpAsync(root, app.Create, stop.Token, now);
        // Whichever comes first: the app started, or up ended without starting it (its output says why).
        await await Task.WhenAny(app.Started, run).WaitAsync(Ct);
        await stop.CancelAsync();
        return await run;
    }

    /// <summary>The signature Stripe would send for <paramref name="body"/> at the header's own time <c>t</c>.</summary>
    private static string Signature(string body, string secret, string header)
    {
        var t = header.Split(',').Single(p => p.StartsWith("t=", StringComparison.Ordinal))[2..];
        _ = long.Parse(t, CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }

    private async Task<JsonNode> GetAsync(AppHostOptions options, string path)
    {
        using var response = await SendAsync(options, HttpMethod.Get, path);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }

    /// <summary>A request to the Stripe the app was given, with the key it was given.</summary>
    private async Task<HttpResponseMessage> SendAsync(AppHostOptions options, HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(new Uri(options.Settings[LocalSettings.StripeApiBase] + "/"), path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Settings[LocalSettings.StripeApiKey]);
        return await http.SendAsync(request, Ct);
    }

    private void WriteSettings(Dictionary<string, string> stripe)
    {
        var values = new JsonObject
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Billing__CatalogPath"] = "samples/catalog.json",
            [LocalSettings.HostKey] = "test-host-key",
        };
        foreach (var (name, value) in stripe)
        {
            values[name] = value;
        }

        File.WriteAllText(Path.Combine(root, LocalSettings.FileName), new JsonObject { ["IsEncrypted"] = false, ["Values"] = values }.ToJsonString());
    }
}
