using Billing.Ingestion.Validation;

namespace Billing.Ingestion.Tests.Validation;

/// <summary>
/// The identifier limit counts characters as the contract says, Unicode scalar values, not UTF-16
/// units: 100 emoji (200 units) pass and 101 fail, however the JSON spells them.
/// </summary>
public sealed partial class EventValidatorTests
{
    /// <summary>U+1F600: one character, two UTF-16 units, four UTF-8 bytes.</summary>
    private const string Emoji = "\U0001F600";

    [Theory]
    [InlineData(100, 0, true)]
    [InlineData(101, 0, false)]
    [InlineData(99, 1, true)]
    [InlineData(100, 1, false)]
    public void TryValidate_IdentifierWithEmoji_LimitCountsCharactersNotUtf16Units(int emoji, int letters, bool accepted)
    {
        var identifier = string.Concat(Enumerable.Repeat(Emoji, emoji)) + new string('i', letters);
        var line = Compute("cus_A", identifier, Now, "\"1\"");

        if (accepted)
        {
            Assert.Equal(identifier, Accept(line).Identifier);
        }
        else
        {
            var rejection = Reject(line);
            Assert.Equal(RejectionReason.IdentifierTooLong, rejection.Reason);
            Assert.Contains($"identifier has {emoji + letters} characters (Unicode scalar values); at most 100", rejection.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryValidate_HundredEmojiIdentifier_SameDedupKeyWhetherEscapedOrNot()
    {
        var identifier = string.Concat(Enumerable.Repeat(Emoji, 100));
        var escaped = string.Concat(Enumerable.Repeat("\\ud83d\\ude00", 100));

        var raw = Accept(Compute("cus_A", identifier, Now, "\"1\""));
        var asEscapes = Accept(Compute("cus_A", escaped, Now, "\"2\""));
        var oneLess = Accept(Compute("cus_A", identifier[..^2], Now, "\"1\""));

        Assert.Equal(identifier, asEscapes.Identifier);
        Assert.Equal(raw.Record.DedupKey, asEscapes.Record.DedupKey);
        Assert.NotEqual(raw.Record.DedupKey, oneLess.Record.DedupKey);
    }
}
