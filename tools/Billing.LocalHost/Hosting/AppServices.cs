using Billing.LocalDev.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Hosting;

/// <summary>
/// The app's own host, built the way its <c>Program</c> builds it on the worker: the app's
/// configuration (environment variables, then the app settings, <c>__</c> as the section
/// separator, as the Functions host passes them to the worker), the app's services from
/// <see cref="LocalHostOptions.ConfigureApp"/>, and what the worker's ASP.NET Core integration
/// adds (MVC's result executors, for functions that return an <c>IActionResult</c>). Its hosted
/// services run while the local host runs.
/// </summary>
internal static class AppServices
{
    public static async Task<IHost> StartAsync(
        LocalHostOptions options, IReadOnlyDictionary<string, string?> settings, string contentRoot, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = contentRoot,
            EnvironmentName = Environments.Development,
        });
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(settings
            .Where(s => !string.Equals(s.Key, LocalSettingsFile.HostKeySetting, StringComparison.OrdinalIgnoreCase))
            .Select(s => KeyValuePair.Create(s.Key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), s.Value)));
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton<IHostLifetime, Http.NoSignalLifetime>();
        builder.Services.AddMvcCore();
        options.ConfigureApp(builder);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
