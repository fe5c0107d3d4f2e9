using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Billing.LocalDev.Azurite;
using Billing.Storage.Calls;
using Billing.Testing;

namespace Billing.Storage.Tests.Calls;

/// <summary>
/// Every storage client the app builds (<see cref="StorageCallOptions.Apply"/>) gives up on a storage
/// that stops answering within its budget, with <see cref="StorageUnavailableException"/>, instead
/// of the SDK's minutes; a caller's own cancellation stays a cancellation.
/// </summary>
public sealed class StorageCallPolicyTests(AzuriteFixture azurite)
{
    /// <summary>Far beyond any budget here, far below the SDK's defaults (100 s a try, 4 tries).</summary>
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    /// <summary>A try of 1 s, then one retry after a back-off of about 0.5 s: two tries in about 2.5 s.</summary>
    private static readonly StorageCallOptions Short = new() { TryTimeout = TimeSpan.FromSeconds(1), CallTimeout = TimeSpan.FromSeconds(3.5) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Services => ["table", "blob", "queue"];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Call_StorageStopsAnswering_StorageUnavailableAfterTheTriesTheBudgetAllows(string service)
    {
        await using var proxy = FreezableStorageProxy.Start(azurite.Server);
        var call = Call(service, proxy.ConnectionString, Short);
        await call(Ct); // the relay works while storage answers
        proxy.Freeze();

        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(() => call(Ct).WaitAsync(Generous, Ct));

        Assert.Equal(0, failure.Status);
        Assert.Contains("within 3.5 s (2 tries", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Call_NothingListens_StorageUnavailableAfterEveryRetry(string service)
    {
        var connection = Connection(FreePort());

        var failure = await Assert.ThrowsAsync<StorageUnavailableException>(() => Call(service, connection, new StorageCallOptions())(Ct).WaitAsync(Generous, Ct));

        Assert.Contains("(4 tries", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_CallerCancelsWhileStorageIsSilent_CancelledNotUnavailable()
    {
        await using var proxy = FreezableStorageProxy.Start(azurite.Server);
        proxy.Freeze();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var call = Call("table", proxy.ConnectionString, new StorageCallOptions())(cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Generous, Ct));
    }

    [Theory]
    [InlineData(0, 8, 3)]
    [InlineData(4, 3, 3)]
    [InlineData(4, 8, -1)]
    [InlineData(4, 8, 11)]
    public void Validate_OutOfRange_Throws(int trySeconds, int callSeconds, int retries) =>
        Assert.Throws<InvalidOperationException>(() => new StorageCallOptions
        {
            TryTimeout = TimeSpan.FromSeconds(trySeconds),
            CallTimeout = TimeSpan.FromSeconds(callSeconds),
            MaxRetries = retries,
        }.Validate());

    /// <summary>One request to a service through clients configured as the app configures them.</summary>
    private static Func<CancellationToken, Task> Call(string service, string connection, StorageCallOptions options)
    {
        var time = TimeProvider.System;
        return service switch
        {
            "table" => async ct => await new TableServiceClient(connection, options.Apply(new TableClientOptions(), time)).GetTableClient("calls").CreateIfNotExistsAsync(ct),
            "blob" => async ct => await new BlobServiceClient(connection, options.Apply(new BlobClientOptions(), time)).GetBlobContainerClient("calls").ExistsAsync(ct),
            _ => async ct => await new QueueServiceClient(connection, options.Apply(new QueueClientOptions(), time)).GetQueueClient("calls").ExistsAsync(ct),
        };
    }

    private static string Connection(int port) =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{port}/{AzuriteServer.AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{port}/{AzuriteServer.AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{port}/{AzuriteServer.AccountName};";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
