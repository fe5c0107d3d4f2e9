using System.Net;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Persistence;
using Billing.StripeEmulator.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Stripe;

namespace Billing.StripeEmulator.Tests.Persistence;

/// <summary>
/// <see cref="StripeEmulatorOptions.DataDirectory"/>: the emulator stops and starts again on the same
/// folder (as <c>./run.sh</c> does) and answers as if it had never stopped. Each test has its own folder and emulators.
/// </summary>
public sealed class StatePersistenceTests
{
    private const string SeededId = "cus_seeded_state";

    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restart_WithDataDirectory_AnswersEveryObjectAndEventAsBefore()
    {
        using var folder = new TempFolder();
        IReadOnlyList<string> before;
        string customerId;
        await using (var first = await StartAsync(folder))
        {
            var client = StripeClients.For(first);
            customerId = (await Customers.CreateAsync(client, "Kept")).Id;
            var invoices = new InvoiceService(client);
            var paid = await Customers.DraftAsync(client, customerId);
            await invoices.AddLinesAsync(paid.Id, new InvoiceAddLinesOptions
            {
                Lines = [new InvoiceLineOptions { Amount = 1234, Description = "usage", Metadata = new Dictionary<string, string> { ["line"] = "1" } }],
                InvoiceMetadata = new Dictionary<string, string> { ["run_id"] = "r1" },
            }, cancellationToken: ct);
            await Customers.AddAmountAsync(client, paid, 66, "item");
            await invoices.FinalizeInvoiceAsync(paid.Id, cancellationToken: ct);
            await invoices.PayAsync(paid.Id, cancellationToken: ct);
            var voided = await Customers.DraftAsync(client, customerId);
            await Customers.AddAmountAsync(client, voided, 500);
            await invoices.FinalizeInvoiceAsync(voided.Id, cancellationToken: ct);
            await invoices.VoidInvoiceAsync(voided.Id, cancellationToken: ct);
            var uncollectible = await Customers.DraftAsync(client, customerId);
            await Customers.AddAmountAsync(client, uncollectible, 700);
            await invoices.FinalizeInvoiceAsync(uncollectible.Id, cancellationToken: ct);
            await invoices.MarkUncollectibleAsync(uncollectible.Id, cancellationToken: ct);
            await Customers.DraftAsync(client, customerId, "eur");
            first.SetPaymentOutcome(customerId, State.PaymentOutcome.Declines);
            before = await EverythingAsync(client);
        }

        await using var second = await StartAsync(folder);
        var after = await EverythingAsync(StripeClients.For(second));
        var payError = await Assert.ThrowsAsync<StripeException>(async () =>
        {
            var invoice = await Customers.DraftAsync(StripeClients.For(second), customerId);
            await Customers.AddAmountAsync(StripeClients.For(second), invoice, 1);
            await new InvoiceService(StripeClients.For(second)).FinalizeInvoiceAsync(invoice.Id, cancellationToken: ct);
            await new InvoiceService(StripeClients.For(second)).PayAsync(invoice.Id, cancellationToken: ct);
        });

        Assert.Equal(before, after);
        Assert.Equal("card_declined", payError.StripeError.Code);
    }

    [Fact]
    public async Task Restart_FinalizedInvoice_KeepsItsHostedInvoiceUrl()
    {
        using var folder = new TempFolder();
        Invoice finalized;
        await using (var first = await StartAsync(folder))
        {
            var client = StripeClients.For(first);
            var draft = await Customers.DraftAsync(client, (await Customers.CreateAsync(client)).Id);
            await Customers.AddAmountAsync(client, draft, 250);
            finalized = await new InvoiceService(client).FinalizeInvoiceAsync(draft.Id, cancellationToken: ct);
        }

        await using var second = await StartAsync(folder);
        var read = await new InvoiceService(StripeClients.For(second)).GetAsync(finalized.Id, cancellationToken: ct);

        Assert.NotNull(finalized.HostedInvoiceUrl);
        Assert.Equal(finalized.HostedInvoiceUrl, read.HostedInvoiceUrl);
    }

    [Fact]
    public async Task Restart_NewObjects_ContinueNumberingAndListNewestFirst()
    {
        using var folder = new TempFolder();
        string customerId;
        Invoice older;
        await using (var first = await StartAsync(folder))
        {
            var client = StripeClients.For(first);
            customerId = (await Customers.CreateAsync(client)).Id;
            older = await Customers.DraftAsync(client, customerId);
            await Customers.AddAmountAsync(client, older, 100);
            older = await new InvoiceService(client).FinalizeInvoiceAsync(older.Id, cancellationToken: ct);
        }

        await using var second = await StartAsync(folder);
        var again = StripeClients.For(second);
        var newer = await Customers.DraftAsync(again, customerId);
        await Customers.AddAmountAsync(again, newer, 100);
        newer = await new InvoiceService(again).FinalizeInvoiceAsync(newer.Id, cancellationToken: ct);
        var listed = await new InvoiceService(again).ListAsync(new InvoiceListOptions { Customer = customerId }, cancellationToken: ct);

        Assert.Equal([newer.Id, older.Id], listed.Data.Select(i => i.Id));
        Assert.NotEqual(older.Id, newer.Id);
        Assert.EndsWith("-0001", older.Number, StringComparison.Ordinal);
        Assert.Equal(older.Number[..^5] + "-0002", newer.Number);
    }

    [Fact]
    public async Task Restart_SameIdempotencyKey_ReplaysTheSavedResponse()
    {
        using var folder = new TempFolder();
        var key = new RequestOptions { IdempotencyKey = $"run-{Guid.NewGuid():N}" };
        string customerId;
        Invoice created;
        await using (var first = await StartAsync(folder))
        {
            var client = StripeClients.For(first);
            customerId = (await Customers.CreateAsync(client)).Id;
            created = await new InvoiceService(client).CreateAsync(new InvoiceCreateOptions { Customer = customerId, Currency = "usd" }, key, ct);
        }

        await using var second = await StartAsync(folder);
        var service = new InvoiceService(StripeClients.For(second));
        var replayed = await service.CreateAsync(new InvoiceCreateOptions { Customer = customerId, Currency = "usd" }, key, ct);
        var mismatch = await Assert.ThrowsAsync<StripeException>(() =>
            service.CreateAsync(new InvoiceCreateOptions { Customer = customerId, Currency = "eur" }, key, ct));
        var listed = await service.ListAsync(new InvoiceListOptions { Customer = customerId }, cancellationToken: ct);

        Assert.Equal(created.StripeResponse.Content, replayed.StripeResponse.Content);
        Assert.Equal("true", replayed.StripeResponse.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(created.StripeResponse.RequestId, replayed.StripeResponse.Headers.GetValues("Original-Request").Single());
        Assert.Equal("idempotency_error", mismatch.StripeError.Type);
        Assert.Single(listed.Data);
        Assert.DoesNotContain(StripeEmulatorServer.TestApiKey, await System.IO.File.ReadAllTextAsync(folder.StateFile, ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_DeliveryPendingAtStop_DeliveredOnceAnEndpointIsConfigured()
    {
        using var folder = new TempFolder();
        await using var receiver = await WebhookReceiver.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        string invoiceId;
        await using (var first = await StartAsync(folder, time, o =>
        {
            o.WebhookUrl = receiver.Url;
            o.DeliveryDelay = TimeSpan.FromMinutes(1); // the fake clock never gets there: the event is pending at stop
        }))
        {
            var client = StripeClients.For(first);
            invoiceId = (await Customers.DraftAsync(client, (await Customers.CreateAsync(client)).Id)).Id;
        }

        await using var second = await StartAsync(folder, time);
        second.ConfigureWebhook(receiver.Url, StripeEmulatorOptions.DefaultWebhookSecret);
        var delivered = await receiver.ReadAsync(1);
        var created = await new EventService(StripeClients.For(second)).ListAsync(new EventListOptions { Type = "invoice.created" }, cancellationToken: ct);

        Assert.Equal(("invoice.created", invoiceId), (delivered[0].Type, delivered[0].InvoiceId));
        Assert.Equal(created.Data.Single().Id, delivered[0].EventId);
    }

    [Fact]
    public async Task Restart_AfterReset_StartsEmptyWithSeededCustomers()
    {
        using var folder = new TempFolder();
        string customerId;
        await using (var first = await StartAsync(folder))
        {
            customerId = (await Customers.CreateAsync(StripeClients.For(first))).Id;
            using var control = new ControlClient(first);
            using var reset = await control.PostAsync("/_emulator/reset");
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        await using var second = await StartAsync(folder);
        var customers = new CustomerService(StripeClients.For(second));
        var missing = await Assert.ThrowsAsync<StripeException>(() => customers.GetAsync(customerId, cancellationToken: ct));

        Assert.Equal("resource_missing", missing.StripeError.Code);
        Assert.Equal(SeededId, (await customers.GetAsync(SeededId, cancellationToken: ct)).Id);
    }

    [Fact]
    public async Task Restart_DeletedInvoice_StaysMissing()
    {
        using var folder = new TempFolder();
        string invoiceId;
        await using (var first = await StartAsync(folder))
        {
            var client = StripeClients.For(first);
            var invoice = await Customers.DraftAsync(client, (await Customers.CreateAsync(client)).Id);
            await Customers.AddAmountAsync(client, invoice, 10);
            invoiceId = invoice.Id;
            using var control = new ControlClient(first);
            using var deleted = await control.DeleteAsync($"/_emulator/invoices/{invoiceId}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await using var second = await StartAsync(folder);
        var missing = await Assert.ThrowsAsync<StripeException>(() => new InvoiceService(StripeClients.For(second)).GetAsync(invoiceId, cancellationToken: ct));

        Assert.Equal(HttpStatusCode.NotFound, missing.HttpStatusCode);
    }

    [Fact]
    public async Task Start_FolderInUse_RefusesToStart()
    {
        using var folder = new TempFolder();
        await using var first = await StartAsync(folder);

        var error = await Assert.ThrowsAsync<EmulatorStateException>(() => StartAsync(folder));

        Assert.Contains("Another Stripe emulator", error.Message, StringComparison.Ordinal);
        Assert.Contains(folder.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutDataDirectory_KeepsNothing()
    {
        await using var server = await StripeEmulatorServer.StartAsync(cancellationToken: ct);

        Assert.Null(server.StateFile);
    }

    public static TheoryData<string, string> DamagedFiles => new()
    {
        { "empty", "the file is empty" },
        { "not json", "not a Stripe emulator state file" },
        { "another format", "not a Stripe emulator state file (format 'something-else')" },
        { "newer version", "format version 99" },
        { "state cut short", "the saved state is cut short" },
        { "bad change", "line 3" },
    };

    [Theory]
    [MemberData(nameof(DamagedFiles))]
    public async Task Start_DamagedStateFile_RefusesNamingTheFileAndLeavesIt(string damage, string reason)
    {
        using var folder = new TempFolder();
        await using (var first = await StartAsync(folder))
        {
            await Customers.CreateAsync(StripeClients.For(first));
        }

        var lines = (await System.IO.File.ReadAllTextAsync(folder.StateFile, ct)).Split('\n');
        var content = damage switch
        {
            "empty" => "",
            "not json" => "this is not json\n",
            "another format" => "{\"format\":\"something-else\",\"version\":1}\n" + string.Join('\n', lines[1..]),
            "newer version" => lines[0].Replace("\"version\":1", "\"version\":99", StringComparison.Ordinal) + "\n" + string.Join('\n', lines[1..]),
            "state cut short" => lines[0] + "\n" + lines[1][..(lines[1].Length / 2)],
            "bad change" => string.Join('\n', lines[..2]) + "\n{\"customers\": [{\"id\": 42}]}\n",
            _ => throw new ArgumentOutOfRangeException(nameof(damage)),
        };
        await System.IO.File.WriteAllTextAsync(folder.StateFile, content, ct);

        var error = await Assert.ThrowsAsync<EmulatorStateException>(() => StartAsync(folder));

        Assert.Contains(folder.StateFile, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(content, await System.IO.File.ReadAllTextAsync(folder.StateFile, ct));
        System.IO.File.Delete(folder.StateFile); // the refused start let go of the folder: with the file gone, it starts empty
        await using var again = await StartAsync(folder);
        Assert.Single((await new CustomerService(StripeClients.For(again)).ListAsync(cancellationToken: ct)).Data);
    }

    [Fact]
    public async Task Start_LastChangeCutShort_KeepsEverythingBeforeIt()
    {
        using var folder = new TempFolder();
        string kept;
        await using (var first = await StartAsync(folder))
        {
            kept = (await Customers.CreateAsync(StripeClients.For(first))).Id;
        }

        await System.IO.File.AppendAllTextAsync(folder.StateFile, "{\"customers\":[{\"id\":\"cus_torn\",\"seq", ct);

        await using var second = await StartAsync(folder);
        var customers = await new CustomerService(StripeClients.For(second)).ListAsync(cancellationToken: ct);

        Assert.Equal([kept, SeededId], customers.Data.Select(c => c.Id));
        Assert.DoesNotContain("cus_torn", await System.IO.File.ReadAllTextAsync(folder.StateFile, ct), StringComparison.Ordinal);
    }

    private Task<StripeEmulatorServer> StartAsync(TempFolder folder, TimeProvider? time = null, Action<StripeEmulatorOptions>? configure = null) =>
        StripeEmulatorServer.StartAsync(
            o =>
            {
                o.DataDirectory = folder.Path;
                o.Customers.Add(new SeededCustomer { Id = SeededId, Name = "Seeded" });
                configure?.Invoke(o);
            },
            time,
            ct);

    /// <summary>Every customer, invoice (with its lines) and event, as the API answers them.</summary>
    private async Task<IReadOnlyList<string>> EverythingAsync(StripeClient client)
    {
        var all = new List<string>
        {
            (await new CustomerService(client).ListAsync(new CustomerListOptions { Limit = 100 }, cancellationToken: ct)).StripeResponse.Content,
            (await new EventService(client).ListAsync(new EventListOptions { Limit = 100 }, cancellationToken: ct)).StripeResponse.Content,
        };
        var invoices = await new InvoiceService(client).ListAsync(new InvoiceListOptions { Limit = 100 }, cancellationToken: ct);
        all.Add(invoices.StripeResponse.Content);
        foreach (var invoice in invoices.Data)
        {
            all.Add((await new InvoiceService(client).GetAsync(invoice.Id, cancellationToken: ct)).StripeResponse.Content);
            all.Add((await new InvoiceLineItemService(client).ListAsync(invoice.Id, new InvoiceLineItemListOptions { Limit = 100 }, cancellationToken: ct)).StripeResponse.Content);
        }

        return all;
    }
}
