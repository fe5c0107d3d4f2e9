namespace Billing.Cli.Hosting;

/// <summary>Chooses what runs the app for <c>billing up</c>.</summary>
internal static class AppHosts
{
    /// <summary>
    /// Today the app runs directly (<see cref="DirectAppHost"/>). When the local trigger runtime's
    /// <c>LocalFunctionsHost</c> lands in Billing.LocalRuntime, this line returns an adapter of it
    /// instead, and nothing else in the CLI changes.
    /// </summary>
    public static IAppHost Create(AppHostOptions options) => new DirectAppHost(options, TimeProvider.System);
}
