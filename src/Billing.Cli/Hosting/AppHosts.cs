namespace Billing.Cli.Hosting;

/// <summary>Chooses what runs the app for <c>billing up</c>.</summary>
internal static class AppHosts
{
    /// <summary>The app under the local Functions host (<see cref="LocalHostAppHost"/>).</summary>
    public static IAppHost Create(AppHostOptions options) => new LocalHostAppHost(options);
}
