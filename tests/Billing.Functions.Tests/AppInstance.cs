using Billing.Functions.Hosting;
using Billing.Ingestion.UsageFiles;
using Billing.Ingestion.Requests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Functions.Tests;

/// <summary>
/// One instance of the app: its services built exactly as <c>Program</c> builds them
/// (<see cref="ServiceRegistration.AddBilling"/>, then <see cref="ServiceRegistration.InitializeBillingStorageAsync"/>),
/// with a fake clock registered first so that AddBilling keeps it.
/// </summary>
internal sealed class AppInstance : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private AppInstance(ServiceProvider services) => this.services = services;

    public static async Task<AppInstance> StartAsync(
        IReadOnlyDictionary<string, string?> settings,
        FakeTimeProvider clock,
        Action<ILoggingBuilder>? logging,
        CancellationToken cancellationToken,
        Action<IServiceCollection>? overrides = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection()
            .AddLogging(builder => logging?.Invoke(builder))
            .AddSingleton<TimeProvider>(clock)
            .AddBilling(configuration);
        overrides?.Invoke(collection);
        var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await services.InitializeBillingStorageAsync(cancellationToken);
        return new AppInstance(services);
    }

    public T Get<T>()
        where T : notnull => services.GetRequiredService<T>();

    /// <summary>Runs the blob function on one version of a usage file.</summary>
    public Task<FileIngestionReport> HandleAsync(UsageFile file, CancellationToken cancellationToken) =>
        Get<IngestUsageFileHandler>().HandleAsync(file, cancellationToken);

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
