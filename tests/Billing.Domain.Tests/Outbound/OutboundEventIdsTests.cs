using Billing.Domain.Outbound;

namespace Billing.Domain.Tests.Outbound;

public sealed class OutboundEventIdsTests
{
    [Fact]
    public void For_SameKey_SameIdOfStripesShape()
    {
        var id = OutboundEventIds.For("invoice.paid:sub_A.1767225600.cycle");

        Assert.Equal(id, OutboundEventIds.For("invoice.paid:sub_A.1767225600.cycle"));
        Assert.Matches("^evt_[0-9a-f]{24}$", id);
        Assert.True(OutboundEventIds.IsWellFormed(id));
    }

    [Theory]
    [InlineData("invoice.paid:sub_A.1767225600.cycle", "invoice.created:sub_A.1767225600.cycle")]
    [InlineData("invoice.payment_failed:x:1", "invoice.payment_failed:x:2")]
    public void For_OtherKey_OtherId(string a, string b) => Assert.NotEqual(OutboundEventIds.For(a), OutboundEventIds.For(b));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("evt_")]
    [InlineData("evt_0123456789ABCDEF01234567")]
    [InlineData("evt_0123456789abcdef0123456")]
    [InlineData("evt_0123456789abcdef012345678")]
    [InlineData("we_0123456789abcdef01234567")]
    public void IsWellFormed_NotAnEventId_False(string? id) => Assert.False(OutboundEventIds.IsWellFormed(id));

    [Theory]
    [InlineData("invoice.paid", true)]
    [InlineData("billing.alert.triggered", true)]
    [InlineData("*", false)]
    [InlineData("invoice.Paid", false)]
    [InlineData("invoice.*", false)]
    public void IsKnown_Type_OnlyTheListedOnes(string type, bool known) => Assert.Equal(known, OutboundEventTypes.IsKnown(type));

    [Fact]
    public void Enables_WildcardOrTheType_True()
    {
        Assert.True(OutboundEventTypes.Enables(["*"], OutboundEventTypes.SpendCapReached));
        Assert.True(OutboundEventTypes.Enables(["invoice.paid", "invoice.created"], OutboundEventTypes.InvoiceCreated));
        Assert.False(OutboundEventTypes.Enables(["invoice.paid"], OutboundEventTypes.InvoicePaymentFailed));
    }
}
