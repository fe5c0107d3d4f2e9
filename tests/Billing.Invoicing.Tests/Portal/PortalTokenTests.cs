using System.Text;
using Billing.Invoicing.Portal;

namespace Billing.Invoicing.Tests.Portal;

public sealed class PortalTokenTests
{
    private const string Key = "0123456789abcdef0123456789abcdef-test-key";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Expiry = Now.AddHours(1);

    [Fact]
    public void Check_TokenAsIssuedBeforeItsExpiry_GrantsItsCustomer()
    {
        var token = PortalToken.Issue(Key, "cus_A", Expiry);

        var check = PortalToken.Check(Key, token, Now);

        Assert.Equal(new PortalTokenCheck.Valid("cus_A", Expiry), check);
    }

    [Fact]
    public void Check_AtOrAfterItsExpiry_Expired()
    {
        var token = PortalToken.Issue(Key, "cus_A", Expiry);

        Assert.Equal(new PortalTokenCheck.Valid("cus_A", Expiry), PortalToken.Check(Key, token, Expiry.AddSeconds(-1)));
        Assert.Equal(new PortalTokenCheck.Expired(Expiry), PortalToken.Check(Key, token, Expiry));
        Assert.Equal(new PortalTokenCheck.Expired(Expiry), PortalToken.Check(Key, token, Expiry.AddDays(3)));
    }

    [Fact]
    public void Check_PayloadNamingAnotherCustomerWithTheOriginalSignature_Invalid()
    {
        var token = PortalToken.Issue(Key, "cus_A", Expiry);
        var forged = Base64UrlOf($"cus_B\n{Expiry.ToUnixTimeSeconds()}") + token[token.IndexOf('.', StringComparison.Ordinal)..];

        Assert.Same(PortalTokenCheck.Invalid, PortalToken.Check(Key, forged, Now));
    }

    [Fact]
    public void Check_ExpiryMovedLaterWithTheOriginalSignature_Invalid()
    {
        var token = PortalToken.Issue(Key, "cus_A", Expiry);
        var forged = Base64UrlOf($"cus_A\n{Expiry.AddDays(30).ToUnixTimeSeconds()}") + token[token.IndexOf('.', StringComparison.Ordinal)..];

        Assert.Same(PortalTokenCheck.Invalid, PortalToken.Check(Key, forged, Now));
    }

    [Fact]
    public void Check_EveryCharacterOfTheTokenChangedInTurn_NeverGrantsAnotherCustomerOrExpiry()
    {
        var token = PortalToken.Issue(Key, "cus_A", Expiry);
        for (var i = 0; i < token.Length; i++)
        {
            var changed = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            var check = PortalToken.Check(Key, changed, Now);
            // Base64url may decode a changed last character's unused bits to the same bytes: then it is the same token.
            Assert.True(check == PortalTokenCheck.Invalid || check == new PortalTokenCheck.Valid("cus_A", Expiry), $"position {i}: {check}");
        }
    }

    [Fact]
    public void Check_SignedWithAnotherKey_Invalid()
    {
        var token = PortalToken.Issue(Key + "-other", "cus_A", Expiry);

        Assert.Same(PortalTokenCheck.Invalid, PortalToken.Check(Key, token, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    [InlineData(".")]
    public void Check_Malformed_Invalid(string? token)
    {
        Assert.Same(PortalTokenCheck.Invalid, PortalToken.Check(Key, token, Now));
    }

    [Fact]
    public void Check_LongerThanTheLimit_InvalidWithoutDecoding()
    {
        Assert.Same(PortalTokenCheck.Invalid, PortalToken.Check(Key, new string('A', PortalToken.MaxLength + 1), Now));
    }

    private static string Base64UrlOf(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
