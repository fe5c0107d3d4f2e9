using Billing.Ingestion.Validation;

namespace Billing.Ingestion.Tests.Validation;

public sealed class RejectionReasonsTests
{
    /// <summary>The codes of docs/contracts.md §1, in the documented (precedence) order.</summary>
    private static readonly string[] Documented =
    [
        "malformed",
        "identifier_too_long",
        "unknown_event_name",
        "missing_customer",
        "invalid_value",
        "negative_value",
        "timestamp_out_of_window",
        "no_subscription",
    ];

    [Theory]
    [InlineData(RejectionReason.Malformed, "malformed")]
    [InlineData(RejectionReason.IdentifierTooLong, "identifier_too_long")]
    [InlineData(RejectionReason.UnknownEventName, "unknown_event_name")]
    [InlineData(RejectionReason.MissingCustomer, "missing_customer")]
    [InlineData(RejectionReason.InvalidValue, "invalid_value")]
    [InlineData(RejectionReason.NegativeValue, "negative_value")]
    [InlineData(RejectionReason.TimestampOutOfWindow, "timestamp_out_of_window")]
    [InlineData(RejectionReason.NoSubscription, "no_subscription")]
    public void Code_EachReason_DocumentedSnakeCaseCode(RejectionReason reason, string code)
    {
        Assert.Equal(code, reason.Code());
        Assert.Equal(code, new Rejection(reason, "why").Code);
    }

    [Fact]
    public void Code_AllReasons_ExactlyTheDocumentedCodesInContractOrder()
    {
        Assert.Equal(Documented, Enum.GetValues<RejectionReason>().Select(r => r.Code()));
    }

    [Fact]
    public void Code_AllReasons_MatchTheTableInContractsMd()
    {
        var contracts = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "contracts.md"));
        var table = contracts
            .SkipWhile(l => !l.StartsWith("### Rejection reason codes", StringComparison.Ordinal))
            .Skip(1)
            .TakeWhile(l => !l.StartsWith('#'))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('`')[1])
            .ToArray();

        Assert.Equal(table, Enum.GetValues<RejectionReason>().Select(r => r.Code()));
    }

    [Fact]
    public void Code_UndefinedReason_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ((RejectionReason)99).Code());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Billing.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Billing.sln above {AppContext.BaseDirectory}.");
    }
}
