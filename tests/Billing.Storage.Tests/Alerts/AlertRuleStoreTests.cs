using Billing.Domain.Alerts;
using Billing.Storage.Alerts;
using Billing.Testing;

namespace Billing.Storage.Tests.Alerts;

/// <summary>Alert rules on a real Azurite: duplicates refused by the conditional write, a check's one read, firings recorded once, delete by id, racing writers.</summary>
public sealed class AlertRuleStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly long January = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
    private static readonly long February = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryAddAsync_SameKindMeterAndGte_SecondGetsTheFirst()
    {
        var store = await CreateAsync();
        var first = Rule("alr_000000000000000000000001", AlertKind.Usage, "compute_seconds", 5000m);

        var added = await store.TryAddAsync(first, Ct);
        var again = await store.TryAddAsync(first with { Id = "alr_000000000000000000000002", Gte = 5000.000m }, Ct);
        var otherGte = await store.TryAddAsync(first with { Id = "alr_000000000000000000000003", Gte = 5000.5m }, Ct);
        var otherSubscription = await store.TryAddAsync(first with { Id = "alr_000000000000000000000004", SubscriptionId = "sub_B" }, Ct);

        Assert.Null(added);
        Assert.Equal(first, again);
        Assert.Null(otherGte);
        Assert.Null(otherSubscription);
        Assert.Equal(2, await store.CountAsync("sub_A", Ct));
    }

    [Fact]
    public async Task ReadForCheckAsync_FiringsOfSeveralPeriods_OnlyThisPeriodsAndTheSubscriptionsRules()
    {
        var store = await CreateAsync();
        var a = Rule("alr_00000000000000000000000a", AlertKind.Spend, null, 100m);
        var b = Rule("alr_00000000000000000000000b", AlertKind.Usage, "compute_seconds", 7.25m);
        await store.TryAddAsync(a, Ct);
        await store.TryAddAsync(b, Ct);
        await store.TryAddAsync(Rule("alr_00000000000000000000000c", AlertKind.Spend, null, 100m) with { SubscriptionId = "sub_B" }, Ct);

        var marked = await store.TryMarkFiredAsync("sub_A", new AlertFiring(a.Id, January, 120m, "evt_1", T0), Ct);
        var markedAgain = await store.TryMarkFiredAsync("sub_A", new AlertFiring(a.Id, January, 130m, "evt_1", T0.AddHours(1)), Ct);
        await store.TryMarkFiredAsync("sub_A", new AlertFiring(b.Id, February, 8m, "evt_2", T0.AddDays(15)), Ct);
        var inJanuary = await store.ReadForCheckAsync("sub_A", January, Ct);
        var inFebruary = await store.ReadForCheckAsync("sub_A", February, Ct);
        var listed = await store.ListAsync("sub_A", Ct);

        Assert.True(marked);
        Assert.False(markedAgain);
        Assert.Equal([a, b], inJanuary.Rules.OrderBy(r => r.Id, StringComparer.Ordinal));
        Assert.Equal([a.Id], inJanuary.FiredRuleIds);
        Assert.Equal([b.Id], inFebruary.FiredRuleIds);
        Assert.Equal(
            [(a.Id, (long?)January, (decimal?)120m), (b.Id, February, 8m)],
            listed.Select(r => (r.Rule.Id, r.LastFiring?.PeriodStart, r.LastFiring?.Value)).OrderBy(r => r.Id, StringComparer.Ordinal));
        Assert.Equal(3, (await store.ListAsync(null, Ct)).Count);
    }

    [Fact]
    public async Task DeleteAsync_ById_GoneFromChecksAndListsThenNull()
    {
        var store = await CreateAsync();
        var keep = Rule("alr_00000000000000000000000a", AlertKind.Spend, null, 100m);
        var drop = Rule("alr_00000000000000000000000b", AlertKind.Spend, null, 200m);
        await store.TryAddAsync(keep, Ct);
        await store.TryAddAsync(drop, Ct);

        var deleted = await store.DeleteAsync(drop.Id, Ct);
        var again = await store.DeleteAsync(drop.Id, Ct);

        Assert.Equal(drop, deleted);
        Assert.Null(again);
        Assert.Equal([keep], (await store.ReadForCheckAsync("sub_A", January, Ct)).Rules);
        Assert.Equal([keep], (await store.ListAsync(null, Ct)).Select(r => r.Rule));
        Assert.Null(await store.TryAddAsync(drop with { Id = "alr_00000000000000000000000d" }, Ct));
    }

    [Fact]
    public async Task TryAddAsync_RacingWriters_EveryDistinctRuleOnceAndOneOfTheDuplicates()
    {
        var store = await CreateAsync();
        var distinct = Enumerable.Range(1, 12).Select(i => Rule($"alr_{i:D24}", AlertKind.Spend, null, i)).ToList();
        var duplicates = Enumerable.Range(100, 6).Select(i => Rule($"alr_{i:D24}", AlertKind.Usage, "compute_seconds", 42m)).ToList();

        var results = await Task.WhenAll(distinct.Concat(duplicates).Select(r => Task.Run(() => store.TryAddAsync(r, Ct))));
        var firings = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => store.TryMarkFiredAsync("sub_A", new AlertFiring(distinct[0].Id, January, 1m, "evt_1", T0), Ct))));

        Assert.All(results.Take(distinct.Count), Assert.Null);
        Assert.Single(results.Skip(distinct.Count), r => r is null);
        Assert.Equal(distinct.Count + 1, await store.CountAsync("sub_A", Ct));
        Assert.Single(firings, marked => marked);
        Assert.Equal([distinct[0].Id], (await store.ReadForCheckAsync("sub_A", January, Ct)).FiredRuleIds);
    }

    private static AlertRule Rule(string id, AlertKind kind, string? meter, decimal gte) => new(id, "sub_A", "cus_A", kind, meter, gte, T0);

    private async Task<AlertRuleStore> CreateAsync()
    {
        var store = new AlertRuleStore(azurite.Tables, new StorageNames { Prefix = azurite.UniqueName("alr")[..20] });
        await store.InitializeAsync(Ct);
        return store;
    }
}
