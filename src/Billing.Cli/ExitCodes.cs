namespace Billing.Cli;

/// <summary>The process exit codes of <c>billing</c>; scripts may rely on them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran and failed: the app refused the request, an endpoint is missing, a wait timed out.</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments or options (System.CommandLine's parse errors).</summary>
    public const int Usage = 2;

    /// <summary>Nothing answers at the app's URL (or at the storage endpoint).</summary>
    public const int AppNotRunning = 3;

    /// <summary>The app answered 401: the host key is missing or wrong.</summary>
    public const int KeyRefused = 4;
}
