using Billing.Storage.Clock;
using Billing.Testing;

namespace Billing.Storage.Tests.Clock;

public sealed class TestClockStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Feb10 = new(2026, 2, 10, 8, 30, 15, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_NeverWritten_ReturnsNull()
    {
        var store = await NewStoreAsync();

        Assert.Null(await store.ReadAsync(Ct));
    }

    [Fact]
    public async Task TryWriteAsync_FirstWrite_IsReadBackExactly()
    {
        var store = await NewStoreAsync();
        var time = Feb10.AddTicks(1234567);

        Assert.True(await store.TryWriteAsync(null, time, Ct));

        var stored = await store.ReadAsync(Ct);
        Assert.Equal(time, stored!.FrozenTime);
        Assert.Equal(TimeSpan.Zero, stored.FrozenTime.Offset);
    }

    [Fact]
    public async Task TryWriteAsync_WithTheReadETag_Replaces()
    {
        var store = await NewStoreAsync();
        await store.TryWriteAsync(null, Feb10, Ct);

        Assert.True(await store.TryWriteAsync(await store.ReadAsync(Ct), Feb10.AddDays(1), Ct));

        Assert.Equal(Feb10.AddDays(1), (await store.ReadAsync(Ct))!.FrozenTime);
    }

    [Fact]
    public async Task TryWriteAsync_StaleETag_ReturnsFalseAndKeepsTheOtherWrite()
    {
        var store = await NewStoreAsync();
        await store.TryWriteAsync(null, Feb10, Ct);
        var read = await store.ReadAsync(Ct);
        Assert.True(await store.TryWriteAsync(read, Feb10.AddDays(2), Ct));

        Assert.False(await store.TryWriteAsync(read, Feb10.AddDays(1), Ct));

        Assert.Equal(Feb10.AddDays(2), (await store.ReadAsync(Ct))!.FrozenTime);
    }

    [Fact]
    public async Task TryWriteAsync_NoneReadButOneWrittenMeanwhile_ReturnsFalse()
    {
        var store = await NewStoreAsync();
        await store.TryWriteAsync(null, Feb10, Ct);

        Assert.False(await store.TryWriteAsync(null, Feb10.AddDays(1), Ct));

        Assert.Equal(Feb10, (await store.ReadAsync(Ct))!.FrozenTime);
    }

    private async Task<TestClockStore> NewStoreAsync()
    {
        var store = new TestClockStore(azurite.Tables, new StorageNames { Prefix = azurite.UniqueName("k")[..20] });
        await store.InitializeAsync(Ct);
        return store;
    }
}
