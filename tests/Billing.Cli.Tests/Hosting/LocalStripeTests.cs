using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Billing.Cli.Hosting;
using Billing.Domain.Catalog;
using Billing.StripeEmulator.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Cli.Tests.Hosting;

public sealed class LocalStripeTests : IDisposable
{
    private static readonly Uri App = new("http://127.0.0.1:7071/");

    private static readonly BillingCatalog Catalog = CatalogLoader.Parse("""
        {"meters": [], "prices": [], "subscriptions": [],
         "customers": [{"id": "cus_A", "name": "Acme"}, {"id": "acme-legacy", "name": "Acme (old id)", "email": "old@acme.example"}]}
        """);

    private readonly string root = Directory.CreateTempSubdirectory("billing-cli-stripe").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sk_test_51AbCdEf", "sk_test_…")]
    [InlineData("sk_live_51AbCdEf", "sk_live_…")]
    [InlineData("rk_test_51AbCdEf", "rk_test_…")]
    [InlineData("rk_live_51AbCdEf", "rk_live_…")]
    [InlineData("pk_test_51AbCdEf", "a key (not shown)")]
    [InlineData("sk_51AbCdEf_x", "a key (not shown)")]
    [InlineData("51AbCdEf", "a key (not shown)")]
    public void Mask_Key_ShowsOnlyItsKindAndMode(string key, string expected) => Assert.Equal(expected, LocalStripe.Mask(key));

    [Fact]
    public async Task StartAsync_CustomerIdsNotShapedLikeStripe_AreSeededToo()
    {
        await using var stripe = await LocalStripe.StartAsync(Settings(new()), Catalog, stateDirectory: null, new FakeTimeProvider(), Ct);
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StripeEmulatorServer.TestApiKey);

        var legacy = JsonNode.Parse(await http.GetStringAsync(new Uri(stripe.EmulatorAddress!, "v1/customers/acme-legacy"), Ct))!;
        var a = JsonNode.Parse(await http.GetStringAsync(new Uri(stripe.EmulatorAddress!, "v1/customers/cus_A"), Ct))!;

        Assert.Equal(("acme-legacy", "Acme (old id)", "old@acme.example"), ((string?)legacy["id"], (string?)legacy["name"], (string?)legacy["email"]));
        Assert.Equal(("cus_A", "Acme"), ((string?)a["id"], (string?)a["name"]));
        Assert.Contains("customers cus_A, acme-legacy", stripe.Describe(App)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_StateDirectory_InvoicesOfAnEarlierRunAreStillThere()
    {
        var state = Path.Combine(root, ".azurite", "stripe-emulator");
        string invoice;
        await using (var first = await LocalStripe.StartAsync(Settings(new()), Catalog, state, new FakeTimeProvider(), Ct))
        {
            using var http = Http();
            using var created = await http.PostAsync(new Uri(first.EmulatorAddress!, "v1/invoices"), new FormUrlEncodedContent(new Dictionary<string, string> { ["customer"] = "cus_A" }), Ct);
            invoice = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["id"]!;
            Assert.Contains($"its state is kept in {state}", first.Describe(App)[1], StringComparison.Ordinal);
        }

        await using var second = await LocalStripe.StartAsync(Settings(new()), Catalog, state, new FakeTimeProvider(), Ct);
        using var again = Http();
        var read = JsonNode.Parse(await again.GetStringAsync(new Uri(second.EmulatorAddress!, $"v1/invoices/{invoice}"), Ct))!;

        Assert.Equal((invoice, "cus_A"), ((string?)read["id"], (string?)read["customer"]));
    }

    [Fact]
    public async Task StartAsync_DamagedStateFile_FailsNamingTheFile()
    {
        var state = Path.Combine(root, "stripe-emulator");
        Directory.CreateDirectory(state);
        var file = Path.Combine(state, "stripe-emulator-state.jsonl");
        await File.WriteAllTextAsync(file, "not a state file\n", Ct);

        var error = await Assert.ThrowsAsync<CliException>(() => LocalStripe.StartAsync(Settings(new()), Catalog, state, new FakeTimeProvider(), Ct));

        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_LiveKeyAndApiBaseWithoutSecret_StartsNothingAndSaysWhatIsMissing()
    {
        var settings = Settings(new() { [LocalSettings.StripeApiKey] = "sk_live_SecretPart", [LocalSettings.StripeApiBase] = "http://127.0.0.1:12111" });

        await using var stripe = await LocalStripe.StartAsync(settings, Catalog, stateDirectory: null, new FakeTimeProvider(), Ct);
        stripe.ConnectWebhook(App);
        var lines = stripe.Describe(App);

        Assert.Null(stripe.EmulatorAddress);
        Assert.Same(settings.Values, stripe.AppSettings);
        Assert.Equal("Stripe     http://127.0.0.1:12111 with sk_live_… (Stripe__ApiKey; live mode: charges are real)", lines[0]);
        Assert.Equal("webhooks   point http://127.0.0.1:12111's webhooks at http://127.0.0.1:7071/api/stripe/webhook, signed with Stripe__WebhookSecret (not set: until it is, the app refuses them)", lines[1]);
        Assert.DoesNotContain("SecretPart", string.Join('\n', lines), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static HttpClient Http()
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", StripeEmulatorServer.TestApiKey);
        return http;
    }

    private LocalSettings Settings(Dictionary<string, string> values)
    {
        var json = new JsonObject();
        foreach (var (name, value) in values)
        {
            json[name] = value;
        }

        File.WriteAllText(Path.Combine(root, LocalSettings.FileName), new JsonObject { ["Values"] = json }.ToJsonString());
        return LocalSettings.Read(root);
    }
}
