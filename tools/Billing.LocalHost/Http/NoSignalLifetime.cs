using Microsoft.Extensions.Hosting;

namespace Billing.LocalHost.Http;

/// <summary>
/// The HTTP front's host lifetime: unlike the default console lifetime it does not take over
/// Ctrl+C and SIGTERM, which belong to whoever owns the <see cref="Hosting.LocalFunctionsHost"/>.
/// </summary>
internal sealed class NoSignalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
