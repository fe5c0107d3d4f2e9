using Xunit;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Billing.LocalDev.Azurite;

namespace Billing.Testing;

/// <summary>
/// One in-memory Azurite per test assembly (register with
/// <c>[assembly: AssemblyFixture(typeof(AzuriteFixture))]</c>), on free loopback ports. Tests
/// isolate themselves with <see cref="UniqueName"/> tables and containers, so they can run in
/// parallel and in any order.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? server;
    private int counter;

    public AzuriteServer Server => server ?? throw new InvalidOperationException("Azurite has not started.");

    public string ConnectionString => Server.ConnectionString;

    public TableServiceClient Tables => new(ConnectionString);

    public BlobServiceClient Blobs => new(ConnectionString);

    public QueueServiceClient Queues => new(ConnectionString);

    /// <summary>A fresh name valid for tables, containers and queues: lower-case letters and digits, 3–63 characters.</summary>
    public string UniqueName(string prefix = "t") =>
        $"{prefix}{Interlocked.Increment(ref counter)}x{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 30, 63)];

    public async ValueTask InitializeAsync() => server = await AzuriteServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
