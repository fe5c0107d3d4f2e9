extern alias emulator;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using emulator::Billing.StripeEmulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace Billing.LocalHost.Tests.RealApp;

/// <summary>
/// Issue 11's "an orchestration in flight when the host is killed completes after a restart", for
/// a real invoice run: the Billing.Functions app in the local host as a process of its own (as
/// <c>billing up</c> runs it), Azurite, and the Stripe emulator behind a proxy that holds back the
/// answer to the charge. The host is killed (SIGKILL) while the run waits on Stripe, started again
/// on the same storage and task hub, and the run completes: one paid invoice, one Stripe invoice,
/// one charge, the lock free. Most of its time is the Durable work item's visibility timeout
/// (30 s): the activity the killed host held is taken up again once it expires.
/// </summary>
public sealed class InvoiceRunRestartEndToEndTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("billing-e2e-restart").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HostKilledWhileTheChargeHangs_RunCompletesAfterRestart_OnePaidInvoiceOneCharge()
    {
        await using var stripe = await StripeEmulatorServer.StartAsync(cancellationToken: Ct);
        stripe.SeedCustomer("cus_A");
        // The charge reaches Stripe and succeeds there; its answer never reaches the run.
        await using var proxy = await HangingStripeProxy.StartAsync(
            stripe.BaseAddress, r => HttpMethods.IsPost(r.Method) && r.Path.Value!.EndsWith("/pay", StringComparison.Ordinal), Ct);
        var anchor = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddDays(-10);
        await using var harness = await RuntimeHarness.CreateAsync(
            anchor,
            ["cus_A"],
            new Dictionary<string, string?>
            {
                ["Billing__TestClock"] = "true",
                ["AzureWebJobs.InvoiceRun.Disabled"] = "false",
                ["Stripe__ApiKey"] = StripeEmulatorServer.TestApiKey,
                ["Stripe__ApiBase"] = proxy.ApiBase,
                ["Stripe__WebhookSecret"] = "whsec_restart", // no endpoint is configured: the run alone settles the invoice
            });
        var invoiceId = string.Create(CultureInfo.InvariantCulture, $"sub_cus_A.{anchor.ToUnixTimeSeconds()}.create");
        var invoices = harness.Tables.GetTableClient("invoices");
        var instances = harness.Tables.GetTableClient(TaskHub() + "Instances");

        using (var first = await HostProcess.StartBillingAppAsync(harness.Settings, root))
        {
            using var client = Client(first);
            // A day ahead of real time (the test clock follows it until the first advance, and goes
            // forward only); the subscription's first period: ClosePeriods issues its create invoice.
            using (var advanced = await client.PostAsync(
                "api/test_helpers/clock/advance",
                new StringContent($$"""{"frozen_time": {{anchor.AddDays(11).ToUnixTimeSeconds()}}}""", Encoding.UTF8, "application/json"),
                Ct))
            {
                Assert.True(advanced.IsSuccessStatusCode, await advanced.Content.ReadAsStringAsync(Ct));
            }

            var held = await proxy.Hung.WaitAsync(Eventually.DefaultTimeout, Ct);
            Assert.EndsWith("/pay", held, StringComparison.Ordinal);
            var inFlight = (Step: (await invoices.GetEntityAsync<TableEntity>("cus_A", invoiceId, cancellationToken: Ct)).Value.GetString("Step"),
                Instance: await RuntimeStatusAsync(instances, invoiceId),
                Lock: await ActiveInvoiceAsync(invoices));
            Assert.Equal(("Recorded", "Running", invoiceId), inFlight);

            first.Process.Kill(); // SIGKILL: nothing of the host runs after it
            await first.Process.WaitForExitAsync(Ct);
        }

        proxy.Lift();
        using var second = await HostProcess.StartBillingAppAsync(harness.Settings, root);
        using var again = Client(second);
        var status = await Eventually.WaitAsync(
            () => RuntimeStatusAsync(instances, invoiceId),
            s => s is "Completed" or "Failed" or "Terminated",
            "the run to end after the restart",
            TimeSpan.FromMinutes(3));

        Assert.Equal("Completed", status);
        using var ours = JsonDocument.Parse(await again.GetStringAsync("api/invoices?customer=cus_A", Ct));
        var invoice = Assert.Single(ours.RootElement.EnumerateArray());
        Assert.Equal((invoiceId, "paid", 7_500L, 1), (
            invoice.GetProperty("id").GetString(),
            invoice.GetProperty("status").GetString(),
            invoice.GetProperty("total").GetInt64(),
            invoice.GetProperty("payment").GetProperty("attempts").GetInt32()));
        Assert.Equal("Completed", (await invoices.GetEntityAsync<TableEntity>("cus_A", invoiceId, cancellationToken: Ct)).Value.GetString("Step"));
        Assert.Equal(string.Empty, await ActiveInvoiceAsync(invoices));

        using var stripeHttp = new HttpClient { BaseAddress = stripe.BaseAddress };
        stripeHttp.DefaultRequestHeaders.Authorization = new("Bearer", StripeEmulatorServer.TestApiKey);
        using var theirs = JsonDocument.Parse(await stripeHttp.GetStringAsync("v1/invoices?customer=cus_A&limit=100", Ct));
        var stripeInvoice = Assert.Single(theirs.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal((invoice.GetProperty("stripe_invoice_id").GetString(), "paid", 7_500L, 1L, invoiceId), (
            stripeInvoice.GetProperty("id").GetString(),
            stripeInvoice.GetProperty("status").GetString(),
            stripeInvoice.GetProperty("amount_paid").GetInt64(),
            stripeInvoice.GetProperty("attempt_count").GetInt64(),
            stripeInvoice.GetProperty("metadata").GetProperty("invoice_id").GetString()));

        // The charge was asked for twice: before the kill (Stripe charged; the answer was held back)
        // and by the activity run again after the restart, which Stripe answered from its first
        // answer (same idempotency key) instead of charging again.
        var pay = $"POST /v1/invoices/{stripeInvoice.GetProperty("id").GetString()}/pay 200";
        Assert.Equal([pay, $"{pay} replayed"], proxy.Calls.Where(c => c.Contains("/pay ", StringComparison.Ordinal)));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static HttpClient Client(HostProcess host)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", RuntimeHarness.HostKey);
        return client;
    }

    /// <summary>The task hub the app's host.json names (<c>extensions.durableTask.hubName</c>).</summary>
    private static string TaskHub()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(BuiltApp.Directory, "host.json")));
        return hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString()!;
    }

    /// <summary>
    /// The orchestration's status as the Azure Storage provider keeps it (the instances table of the
    /// task hub, row per instance): the host's Durable client lives in the child process, this row is
    /// what it reads.
    /// </summary>
    private static async Task<string?> RuntimeStatusAsync(TableClient instances, string instanceId)
    {
        var row = await instances.GetEntityIfExistsAsync<TableEntity>(instanceId, string.Empty, cancellationToken: Ct);
        return row.HasValue ? row.Value!.GetString("RuntimeStatus") : null;
    }

    /// <summary>The subscription's run lock: the invoice whose run holds it, empty when free.</summary>
    private static async Task<string?> ActiveInvoiceAsync(TableClient invoices) =>
        (await invoices.GetEntityAsync<TableEntity>("cus_A", "sub|sub_cus_A", cancellationToken: Ct)).Value.GetString("ActiveInvoice");
}
