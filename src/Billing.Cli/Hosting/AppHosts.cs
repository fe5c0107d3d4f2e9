namespace Billing.Cli.Hosting;

/// <summary>Chooses what runs the app for <c>billing up</c>.</summary>
internal static class AppHosts
{
    /// <summary>The app under the local trigger runtime (<see cref="RuntimeAppHost"/>).</summary>
    public static IAppHost Create(AppHostOptions options) => new RuntimeAppHost(options);
}
