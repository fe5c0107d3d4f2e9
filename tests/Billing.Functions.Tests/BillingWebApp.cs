using Billing.Functions.Hosting;
using Billing.Invoicing;
using Billing.Invoicing.Clock;
using Billing.Storage.Clock;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
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
/// </summary>
internal sealed class BillingWebApp(
    IReadOnlyDictionary<string, string?> settings,
    FakeTimeProvider clock,
    bool testClock = false,
    TimeProvider? wallClock = null) : IAsyncDisposable
{
    private readonly Lock starting = new();
    private WebApplication? app;

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

    public HttpClient CreateClient() => Started.GetTestClient();

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }

    private WebApplication Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
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

        var web = builder.Build();
        web.MapHttpFunctions();

        // Synchronously, as WebApplicationFactory starts its server: the tests ask for a client in expressions.
        web.StartAsync(TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        return web;
    }
}
