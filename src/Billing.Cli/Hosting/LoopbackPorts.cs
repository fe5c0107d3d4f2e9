using System.Net;
using System.Net.Sockets;

namespace Billing.Cli.Hosting;

internal static class LoopbackPorts
{
    /// <summary>A port free on 127.0.0.1 right now (another process could still take it before it is used).</summary>
    public static int PickFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
