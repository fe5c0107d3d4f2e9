using System.Net;
using System.Net.Sockets;
using Billing.LocalDev.Azurite;

namespace Billing.Testing;

/// <summary>
/// A TCP relay in front of an Azurite's blob, queue and table ports. Until <see cref="Freeze"/> it
/// passes bytes both ways; from then on it is storage that has stopped answering (a frozen process,
/// a dead network path): connections, old and new, stay open and nothing more reaches either side.
/// </summary>
public sealed class FreezableStorageProxy : IAsyncDisposable
{
    private readonly TaskCompletionSource frozen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stop = new();
    private readonly List<TcpListener> listeners = [];
    private readonly List<Task> work = [];
    private readonly List<Socket> sockets = [];
    private readonly Lock gate = new();

    private FreezableStorageProxy()
    {
    }

    /// <summary>Azurite's connection string with every endpoint on the relay.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public static FreezableStorageProxy Start(AzuriteServer azurite)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var proxy = new FreezableStorageProxy();
        var blob = proxy.Relay(azurite.BlobPort);
        var queue = proxy.Relay(azurite.QueuePort);
        var table = proxy.Relay(azurite.TablePort);
        proxy.ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/{AzuriteServer.AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{queue}/{AzuriteServer.AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{table}/{AzuriteServer.AccountName};";
        return proxy;
    }

    /// <summary>From now on nothing passes, and new connections are accepted but never answered.</summary>
    public void Freeze() => frozen.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        lock (gate)
        {
            listeners.ForEach(l => l.Stop());
            sockets.ForEach(s => s.Dispose());
        }

        await Task.WhenAll(work).ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private int Relay(int targetPort)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        lock (gate)
        {
            listeners.Add(listener);
            work.Add(AcceptAsync(listener, targetPort));
        }

        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener, int targetPort)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (gate)
            {
                sockets.Add(client);
                work.Add(ConnectAsync(client, targetPort));
            }
        }
    }

    private async Task ConnectAsync(Socket client, int targetPort)
    {
        if (frozen.Task.IsCompleted)
        {
            return; // held open, never answered, until the proxy is disposed
        }

        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        lock (gate)
        {
            sockets.Add(upstream);
        }

        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, targetPort, stop.Token);
            await Task.WhenAll(PumpAsync(client, upstream), PumpAsync(upstream, client));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                if (read == 0 || frozen.Task.IsCompleted)
                {
                    if (read == 0 && !frozen.Task.IsCompleted)
                    {
                        to.Shutdown(SocketShutdown.Send);
                    }

                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }
}
