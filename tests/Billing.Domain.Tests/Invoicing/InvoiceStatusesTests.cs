using Billing.Domain.Invoicing;

namespace Billing.Domain.Tests.Invoicing;

/// <summary>Statuses only move forward, so webhooks can be applied in any order.</summary>
public sealed class InvoiceStatusesTests
{
    [Theory]
    [InlineData(InvoiceStatus.Draft, InvoiceStatus.Open, InvoiceStatus.Open)]
    [InlineData(InvoiceStatus.Open, InvoiceStatus.Draft, InvoiceStatus.Open)]
    [InlineData(InvoiceStatus.Open, InvoiceStatus.Paid, InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.Paid, InvoiceStatus.Open, InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.Open, InvoiceStatus.Uncollectible, InvoiceStatus.Uncollectible)]
    [InlineData(InvoiceStatus.Uncollectible, InvoiceStatus.Paid, InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.Uncollectible, InvoiceStatus.Void, InvoiceStatus.Void)]
    [InlineData(InvoiceStatus.Paid, InvoiceStatus.Void, InvoiceStatus.Paid)]
    [InlineData(InvoiceStatus.Void, InvoiceStatus.Paid, InvoiceStatus.Void)]
    [InlineData(InvoiceStatus.Draft, InvoiceStatus.Draft, InvoiceStatus.Draft)]
    public void Later_AnyReport_NeverMovesBackwards(InvoiceStatus current, InvoiceStatus reported, InvoiceStatus expected) =>
        Assert.Equal(expected, InvoiceStatuses.Later(current, reported));

    [Fact]
    public void Later_EveryOrderOfTheSameReports_SameResult()
    {
        InvoiceStatus[] reports = [InvoiceStatus.Draft, InvoiceStatus.Open, InvoiceStatus.Uncollectible, InvoiceStatus.Paid];
        var results = Permutations(reports).Select(order => order.Aggregate(InvoiceStatus.Draft, InvoiceStatuses.Later)).Distinct().ToArray();
        Assert.Equal([InvoiceStatus.Paid], results);
    }

    [Theory]
    [InlineData("draft", InvoiceStatus.Draft)]
    [InlineData("open", InvoiceStatus.Open)]
    [InlineData("uncollectible", InvoiceStatus.Uncollectible)]
    [InlineData("paid", InvoiceStatus.Paid)]
    [InlineData("void", InvoiceStatus.Void)]
    public void TryParse_StripeNames_RoundTrip(string wire, InvoiceStatus status)
    {
        Assert.True(InvoiceStatuses.TryParse(wire, out var parsed));
        Assert.Equal(status, parsed);
        Assert.Equal(wire, status.ToWire());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Paid")]
    [InlineData("deleted")]
    public void TryParse_Unknown_False(string? wire) => Assert.False(InvoiceStatuses.TryParse(wire, out _));

    private static IEnumerable<IReadOnlyList<T>> Permutations<T>(IReadOnlyList<T> items) =>
        items.Count <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations([.. items.Where((_, j) => j != i)]).Select(rest => (IReadOnlyList<T>)[item, .. rest]));
}
