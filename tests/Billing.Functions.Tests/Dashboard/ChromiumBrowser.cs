using Microsoft.Playwright;

namespace Billing.Functions.Tests.Dashboard;

/// <summary>
/// Headless Chromium for the browser tests: Debian's <c>chromium</c> (test.sh installs it; or
/// <c>BILLING_CHROMIUM</c>), driven by Playwright's driver, never Playwright's own browser build
/// (its download cannot work here). The flags keep it from reaching for a network there is none
/// of, which would stall it. One browser per test class; a context (its own cookies) per test.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    public const string DefaultPath = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser has not started.");

    public static string ExecutablePath => Environment.GetEnvironmentVariable("BILLING_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ExecutablePath}: run ./test.sh (it installs Debian's chromium) or `apt-get install chromium`, or set BILLING_CHROMIUM to a Chromium binary.");
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
            Timeout = 60_000,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
