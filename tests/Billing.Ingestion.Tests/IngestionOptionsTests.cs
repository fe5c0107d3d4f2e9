namespace Billing.Ingestion.Tests;

public sealed class IngestionOptionsTests
{
    [Fact]
    public void MaxRejectRows_Default_TenThousand() => Assert.Equal(10_000, new IngestionOptions().MaxRejectRows);

    [Theory]
    [InlineData(0)]
    [InlineData(10_000)]
    public void Validate_ZeroOrMoreRejectRows_Accepted(int rows) => new IngestionOptions { MaxRejectRows = rows }.Validate();

    [Fact]
    public void Validate_NegativeRejectRows_ThrowsNamingTheSetting()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new IngestionOptions { MaxRejectRows = -1 }.Validate());

        Assert.Contains("MaxRejectRows", e.Message, StringComparison.Ordinal);
    }
}
