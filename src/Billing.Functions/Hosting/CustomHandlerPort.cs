namespace Billing.Functions.Hosting;

/// <summary>The Functions host tells a custom handler which port to serve on.</summary>
public static class CustomHandlerPort
{
    public const string Variable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>Listens on loopback at the host-assigned port when there is one; otherwise keeps ASP.NET's own settings.</summary>
    public static WebApplicationBuilder UseCustomHandlerPort(this WebApplicationBuilder builder)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }

        return builder;
    }
}
