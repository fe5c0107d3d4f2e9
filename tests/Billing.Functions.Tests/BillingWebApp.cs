using Billing.Functions.Hosting;
using Billing.Invoicing;
using Billing.Invoicing.Clock;
using Billing.Invoicing.Runs;
using Billing.Storage.Clock;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests;

/// <summary>
/// The app's HTTP functions in memory (<see cref="HttpFunctions"/> on a test server), with the
/// services <c>Program</c> builds (<see cref="BillingApp.AddBillingApp"/>, whose start-up step
/// prepares storage), configured like an <see cref="AppInstance"/>: the same settings and the
/// same fake clock (registered after AddBillingApp's, so it wins). With <paramref name="testClock"/>
/// the app keeps its own <see cref="TestClock"/> as the business clock (the settings turn it on)
/// and the fake stands in for the wall clock under it instead. With <paramref name="wallClock"/>
/// the app's <see cref="WallClock"/> (the webhook signature tolerance) reads it instead of real time.
/// With the test clock, functions that bind a <see cref="DurableTaskClient"/> (the clock advance runs
/// Reconcile, which may start payment retries) get the client of an in-process Durable test host
/// running the invoice runs. With <paramref name="overrides"/>, services registered after the app's
/// (so they win). With <paramref name="listen"/>, the app listens on a free loopback port (Kestrel,
/// <see cref="Address"/>) instead of the in-memory test server, for a real browser.
/// </summary>
internal sealed class BillingWebApp(
    IReadOnlyDictionary<string, string?> settings,
    FakeTimeProvider clock,
    bool testClock = false,
    TimeProvider? wallClock = null,
    Action<IServiceCollection>? overrides = null,
    bool listen = false) : IAsyncDisposable
{
    private readonly Lock starting = new();
    private WebApplication? app;
    private DurableTaskTestHost? durable;

    public IServiceProvider Services => Started.Services;

    private WebApplication Started
    {
        get
        {
            lock (starting)
            {
                return app ??= Start();
            }
        }
    }

    public HttpClient CreateClient() => listen ? new HttpClient { BaseAddress = Address } : Started.GetTestClient();

    /// <summary>Where the app listens (with <c>listen</c>): <c>http://127.0.0.1:port/</c>.</summary>
    public Uri Address => new(Started.Urls.Single().Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/");

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        if (durable is not null)
        {
            await durable.DisposeAsync();
        }
    }

    private WebApplication Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (listen)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddBillingApp(builder.Configuration);
        if (testClock)
        {
            builder.Services.AddSingleton(sp => new TestClock(sp.GetRequiredService<TestClockStore>(), clock));
        }
        else
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
        }

        if (wallClock is not null)
        {
            builder.Services.AddSingleton(new WallClock(wallClock));
        }

        overrides?.Invoke(builder.Services);
        if (testClock)
        {
            builder.Services.AddSingleton(_ => durable?.Client ?? throw new InvalidOperationException("The Durable test host is not started."));
        }

        var web = builder.Build();
        if (testClock)
        {
            var steps = web.Services.GetRequiredService<InvoiceRunSteps>();
            durable = DurableTaskTestHost.StartAsync(
                registry => registry.AddBillingTasks(),
                new DurableTaskTestHostOptions { Port = FreePort(), ConfigureServices = services => services.AddSingleton(steps) },
                TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        }
        web.MapHttpFunctions();

        // Synchronously, as WebApplicationFactory starts its server: the tests ask for a client in expressions.
        web.StartAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return web;
    }

    // A port that is free now: the test host's own pick is random and may be taken on a shared machine.
    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
