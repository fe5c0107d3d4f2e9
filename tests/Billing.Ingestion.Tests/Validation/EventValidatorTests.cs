using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Billing.Domain.Catalog;
using Billing.Domain.Periods;
using Billing.Domain.Usage;
using Billing.Ingestion.Parsing;
using Billing.Ingestion.Validation;
using Billing.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Billing.Ingestion.Tests.Validation;

public sealed partial class EventValidatorTests
{
    /// <summary>
    /// 2026-02-01T12:00:00Z: the accepted window [2025-12-28T12:00Z, 2026-02-01T12:05Z] reaches
    /// back before the subscriptions' anchor (2026-01-01) and spans January and February.
    /// </summary>
    private static readonly DateTimeOffset Now = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset February1 = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly BillingCatalog Catalog = CatalogLoader.Parse(TestCatalogs.Standard());
    private static readonly string Id100 = new('i', IngestionOptions.MaxIdentifierLength);
    private static readonly string Id101 = new('i', IngestionOptions.MaxIdentifierLength + 1);

    private readonly FakeTimeProvider time = new(Now);
    private readonly EventValidator validator = new(Catalog, new IngestionOptions());

    public static TheoryData<string, string, string> Rejections => new()
    {
        // malformed
        { """{"event_name":"compute_seconds","payload":{"stripe_customer_id":"cus_A","value":"1"}}""", "malformed", "timestamp" },
        { "not json", "malformed", "invalid JSON" },
        { "[]", "malformed", "JSON object" },

        // identifier_too_long
        { Compute("cus_A", Id101, Now, "\"1\""), "identifier_too_long", "identifier has 101 characters" },

        // unknown_event_name
        { UsageEvents.Line("compute", "evt-1", Now, """{"stripe_customer_id":"cus_A","value":"1"}"""), "unknown_event_name", "event_name 'compute'" },
        { UsageEvents.Line("API_CALL", "evt-1", Now, """{"stripe_customer_id":"cus_A"}"""), "unknown_event_name", "event_name 'API_CALL'" },

        // missing_customer
        { UsageEvents.Line("compute_seconds", "evt-1", Now, """{"value":"1"}"""), "missing_customer", "payload.stripe_customer_id" },
        { UsageEvents.Line("compute_seconds", "evt-1", Now, """{"stripe_customer_id":"","value":"1"}"""), "missing_customer", "payload.stripe_customer_id" },
        { UsageEvents.Line("adjustment", "evt-1", Now, """{"stripe_customer_id":"cus_A","amount":"1"}"""), "missing_customer", "payload.customer" },

        // invalid_value
        { Compute("cus_A", "evt-1", Now, "\"abc\""), "invalid_value", "payload.value 'abc'" },
        { Compute("cus_A", "evt-1", Now, "\"NaN\""), "invalid_value", "payload.value 'NaN'" },
        { Compute("cus_A", "evt-1", Now, "\"Infinity\""), "invalid_value", "payload.value 'Infinity'" },
        { Compute("cus_A", "evt-1", Now, "\"-Infinity\""), "invalid_value", "payload.value" },
        { Compute("cus_A", "evt-1", Now, "\"1e40\""), "invalid_value", "payload.value '1e40'" },
        { Compute("cus_A", "evt-1", Now, "1e40"), "invalid_value", "payload.value '1e40'" },
        { Compute("cus_A", "evt-1", Now, "\"\""), "invalid_value", "payload.value" },
        { Compute("cus_A", "evt-1", Now, "\"1,5\""), "invalid_value", "payload.value '1,5'" },
        { Compute("cus_A", "evt-1", Now, "\"0x10\""), "invalid_value", "payload.value '0x10'" },
        { UsageEvents.Line("compute_seconds", "evt-1", Now, """{"stripe_customer_id":"cus_A"}"""), "invalid_value", "payload.value is required" },
        { UsageEvents.Line("storage_gb", "evt-1", Now, """{"stripe_customer_id":"cus_A"}"""), "invalid_value", "payload.value is required" },
        { UsageEvents.Line("temperature", "evt-1", Now, """{"stripe_customer_id":"cus_A"}"""), "invalid_value", "payload.value is required" },
        { UsageEvents.Line("adjustment", "evt-1", Now, """{"customer":"cus_A","value":"1"}"""), "invalid_value", "payload.amount is required" },
        { UsageEvents.Line("active_user", "evt-1", Now, """{"stripe_customer_id":"cus_A","value":"u_1"}"""), "invalid_value", "payload.user_id is required" },
        { UsageEvents.Line("active_user", "evt-1", Now, """{"stripe_customer_id":"cus_A","user_id":""}"""), "invalid_value", "payload.user_id" },

        // negative_value
        { Compute("cus_A", "evt-1", Now, "\"-3\""), "negative_value", "payload.value -3 is negative" },
        { Compute("cus_A", "evt-1", Now, "-0.001"), "negative_value", "payload.value -0.001 is negative" },
        { UsageEvents.Line("storage_gb", "evt-1", Now, """{"stripe_customer_id":"cus_A","value":"-1"}"""), "negative_value", "payload.value" },

        // timestamp_out_of_window
        { Compute("cus_A", "evt-1", Now - IngestionOptions.DefaultMaxEventAge - TimeSpan.FromSeconds(1), "\"1\""), "timestamp_out_of_window", "timestamp" },
        { Compute("cus_A", "evt-1", Now + IngestionOptions.DefaultMaxFutureSkew + TimeSpan.FromSeconds(1), "\"1\""), "timestamp_out_of_window", "timestamp" },
        { Compute("cus_A", "evt-1", new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), "\"1\""), "timestamp_out_of_window", "timestamp" },
        { Compute("cus_A", "evt-1", new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero), "\"1\""), "timestamp_out_of_window", "timestamp" },

        // no_subscription
        { Compute("cus_Z", "evt-1", Now, "\"1\""), "no_subscription", "customer cus_Z" },
        { Compute("cus_A", "evt-1", TestCatalogs.Anchor - TimeSpan.FromSeconds(1), "\"1\""), "no_subscription", "customer cus_A" },
        { Compute("cus_A", "evt-1", TestCatalogs.Anchor - TimeSpan.FromDays(3), "\"1\""), "no_subscription", "compute_seconds" },
    };

    public static TheoryData<string> Acceptances => new()
    {
        Compute("cus_A", Id100, Now, "\"1\""),
        Compute("cus_A", "evt-1", Now, "\"0\""),
        Compute("cus_A", "evt-1", Now, "\"-0\""),
        Compute("cus_A", "evt-1", Now, "\" 12.5 \""),
        Compute("cus_A", "evt-1", Now + IngestionOptions.DefaultMaxFutureSkew, "\"1\""),
        Compute("cus_A", "evt-1", TestCatalogs.Anchor, "\"1\""),
        UsageEvents.Line("adjustment", "evt-1", Now, """{"customer":"cus_A","amount":"-5"}"""),
        UsageEvents.Line("adjustment", "evt-1", Now, """{"customer":"cus_A","amount":-0.5}"""),
        UsageEvents.Line("temperature", "evt-1", Now, """{"stripe_customer_id":"cus_A","value":"-12.5"}"""),
        UsageEvents.Line("storage_gb", "evt-1", Now, """{"stripe_customer_id":"cus_A","value":1e3}"""),
        UsageEvents.Line("api_call", "evt-1", Now, """{"stripe_customer_id":"cus_A"}"""),
        UsageEvents.Line("api_call", "evt-1", Now, """{"stripe_customer_id":"cus_A","value":"abc"}"""),
        UsageEvents.Line("api_call", "evt-1", Now, """{"stripe_customer_id":"cus_A","value":"-5"}"""),
        UsageEvents.Line("active_user", "evt-1", Now, """{"stripe_customer_id":"cus_A","user_id":"u_1"}"""),
        UsageEvents.Line("active_user", "evt-1", Now, """{"stripe_customer_id":"cus_A","user_id":-7}"""),
    };

    /// <summary>Events with several problems, and the one (first in contract order) that wins.</summary>
    public static TheoryData<string, string> Precedence => new()
    {
        { $$$"""{"event_name":"nope","identifier":"{{{Id101}}}","payload":{}}""", "malformed" },
        { UsageEvents.Line("nope", Id101, Now, "{}"), "identifier_too_long" },
        { UsageEvents.Line("nope", "evt-1", Now.AddYears(-1), "{}"), "unknown_event_name" },
        { UsageEvents.Line("compute_seconds", "evt-1", Now.AddYears(-1), """{"value":"-1"}"""), "missing_customer" },
        { UsageEvents.Line("compute_seconds", "evt-1", Now.AddYears(-1), """{"stripe_customer_id":"cus_Z","value":"abc"}"""), "invalid_value" },
        { UsageEvents.Line("compute_seconds", "evt-1", Now.AddYears(-1), """{"stripe_customer_id":"cus_Z","value":"-1"}"""), "negative_value" },
        { UsageEvents.Line("compute_seconds", "evt-1", Now.AddYears(1), """{"stripe_customer_id":"cus_Z","value":"1"}"""), "timestamp_out_of_window" },
        { UsageEvents.Line("compute_seconds", "evt-1", TestCatalogs.Anchor.AddDays(-1), """{"stripe_customer_id":"cus_Z","value":"1"}"""), "no_subscription" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void TryValidate_ProblemEvent_RejectedWithItsCodeAndAMessageNamingTheField(string line, string code, string message)
    {
        var rejection = Reject(line);

        Assert.Equal(code, rejection.Code);
        Assert.Contains(message, rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Acceptances))]
    public void TryValidate_ValidEvent_Accepted(string line)
    {
        var valid = Accept(line);

        Assert.Equal("sub_cus_A", valid.Partition.SubscriptionId);
    }

    [Theory]
    [MemberData(nameof(Precedence))]
    public void TryValidate_SeveralProblems_FirstInContractOrderWins(string line, string code)
    {
        Assert.Equal(code, Reject(line).Code);
    }

    [Fact]
    public void TryValidate_ExactlyAtTheWindowEdges_AcceptedAndOneSecondBeyondRejected()
    {
        // Later than Now, so that the whole window lies inside the subscriptions' life.
        var now = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
        time.SetUtcNow(now);
        var oldest = now - IngestionOptions.DefaultMaxEventAge;
        var newest = now + IngestionOptions.DefaultMaxFutureSkew;

        Accept(Compute("cus_A", "evt-1", oldest, "\"1\""));
        Accept(Compute("cus_A", "evt-1", newest, "\"1\""));
        Assert.Equal(RejectionReason.TimestampOutOfWindow, Reject(Compute("cus_A", "evt-1", oldest.AddSeconds(-1), "\"1\"")).Reason);
        Assert.Equal(RejectionReason.TimestampOutOfWindow, Reject(Compute("cus_A", "evt-1", newest.AddSeconds(1), "\"1\"")).Reason);
    }

    [Fact]
    public void TryValidate_ClockMovesOn_WindowMovesWithIt()
    {
        time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var oldest = time.GetUtcNow() - IngestionOptions.DefaultMaxEventAge;
        var beyond = time.GetUtcNow() + IngestionOptions.DefaultMaxFutureSkew + TimeSpan.FromSeconds(1);
        Accept(Compute("cus_A", "evt-old", oldest, "\"1\""));
        Reject(Compute("cus_A", "evt-beyond", beyond, "\"1\""));

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(RejectionReason.TimestampOutOfWindow, Reject(Compute("cus_A", "evt-old", oldest, "\"1\"")).Reason);
        Accept(Compute("cus_A", "evt-beyond", beyond, "\"1\""));
    }

    [Fact]
    public void TryValidate_ConfiguredWindow_UsedInsteadOfTheDefaults()
    {
        var narrow = new EventValidator(Catalog, new IngestionOptions { MaxEventAge = TimeSpan.FromHours(1), MaxFutureSkew = TimeSpan.Zero });

        Assert.True(narrow.TryValidate(Parse(Compute("cus_A", "e", Now.AddHours(-1), "1")), Now, out _, out var rejection), rejection.Message);
        Assert.False(narrow.TryValidate(Parse(Compute("cus_A", "e", Now.AddHours(-1).AddSeconds(-1), "1")), Now, out _, out _));
        Assert.True(narrow.TryValidate(Parse(Compute("cus_A", "e", Now, "1")), Now, out _, out _));
        Assert.False(narrow.TryValidate(Parse(Compute("cus_A", "e", Now.AddSeconds(1), "1")), Now, out _, out _));
    }

    [Fact]
    public void TryValidate_FebruaryTimestamp_RoutedToTheCustomersSubscriptionAndFebruaryPeriod()
    {
        var at = new DateTimeOffset(2026, 2, 1, 6, 0, 0, TimeSpan.Zero);

        var valid = Accept(Compute("cus_B", "evt-1", at, "\"12.5\""));

        Assert.Equal(new UsagePartition("sub_cus_B", new BillingPeriod(February1, February1.AddMonths(1))), valid.Partition);
        Assert.Equal("evt-1", valid.Identifier);
        Assert.Equal("compute_seconds", valid.Record.Meter.Id);
        Assert.Equal(at, valid.Record.Sample.Timestamp);
        Assert.Equal(12.5m, valid.Record.Sample.Value);
        Assert.Equal(string.Empty, valid.Record.Sample.DistinctKey);
    }

    [Theory]
    [InlineData("2026-01-31T23:59:59Z", 1)]
    [InlineData("2026-02-01T00:30:00+01:00", 1)]
    [InlineData("2026-02-01T00:00:00Z", 2)]
    [InlineData("2026-01-31T23:30:00-01:00", 2)]
    [InlineData("2026-01-01T00:00:00Z", 1)]
    public void TryValidate_TimestampNearAPeriodBoundary_RoutedByItsUtcInstant(string timestamp, int month)
    {
        var line = $$$"""{"event_name":"api_call","timestamp":"{{{timestamp}}}","payload":{"stripe_customer_id":"cus_C"}}""";

        var valid = Accept(line);

        var start = new DateTimeOffset(2026, month, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(new UsagePartition("sub_cus_C", new BillingPeriod(start, start.AddMonths(1))), valid.Partition);
    }

    [Fact]
    public void TryValidate_NoIdentifier_DerivesAutoIdentifierFromTheContent()
    {
        var valid = Accept(Compute("cus_A", null, Now, "\"12.5\""));

        Assert.Matches(AutoIdentifier(), valid.Identifier);
    }

    [Fact]
    public void TryValidate_SameContentWithoutIdentifier_SameIdentifierAndDedupKey()
    {
        var first = Accept(Compute("cus_A", null, Now, "\"12.5\""), lineNumber: 1);
        var resend = Accept(Compute("cus_A", null, Now, "\"12.5\""), lineNumber: 7);
        var sameInstantAsText = Accept($$$"""{"event_name":"compute_seconds","timestamp":"{{{Now.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture)}}}","payload":{"value":"12.5","stripe_customer_id":"cus_A"}}""");

        Assert.Equal(first.Identifier, resend.Identifier);
        Assert.Equal(first.Record.DedupKey, resend.Record.DedupKey);
        Assert.Equal(first.Record.DedupKey, sameInstantAsText.Record.DedupKey);
    }

    [Theory]
    [InlineData("cus_A", 0, "\"12.6\"")]
    [InlineData("cus_A", 0, "12.50")]
    [InlineData("cus_B", 0, "\"12.5\"")]
    [InlineData("cus_A", 1, "\"12.5\"")]
    public void TryValidate_DifferentContentWithoutIdentifier_DifferentIdentifierAndDedupKey(string customer, int secondsLater, string value)
    {
        var original = Accept(Compute("cus_A", null, Now, "\"12.5\""));

        var other = Accept(Compute(customer, null, Now.AddSeconds(secondsLater), value));

        Assert.Matches(AutoIdentifier(), other.Identifier);
        Assert.NotEqual(original.Identifier, other.Identifier);
        Assert.NotEqual(original.Record.DedupKey, other.Record.DedupKey);
    }

    [Fact]
    public void TryValidate_EmptyIdentifier_DerivedFromTheContentLikeAnAbsentOne()
    {
        var absent = Accept(Compute("cus_A", null, Now, "\"1\""));
        var empty = Accept(Compute("cus_A", string.Empty, Now, "\"1\""));
        var otherEmpty = Accept(Compute("cus_A", string.Empty, Now, "\"2\""));

        Assert.Equal(absent.Identifier, empty.Identifier);
        Assert.Matches(AutoIdentifier(), empty.Identifier);
        Assert.NotEqual(empty.Record.DedupKey, otherEmpty.Record.DedupKey);
    }

    [Fact]
    public void TryValidate_SameIdentifierOnDifferentMeters_DifferentDedupKeys()
    {
        var compute = Accept(Compute("cus_A", "evt-1", Now, "\"1\""));
        var storage = Accept(UsageEvents.Line("storage_gb", "evt-1", Now, """{"stripe_customer_id":"cus_A","value":"1"}"""));

        Assert.Equal(compute.Identifier, storage.Identifier);
        Assert.NotEqual(compute.Record.DedupKey, storage.Record.DedupKey);
    }

    [Fact]
    public void TryValidate_SameIdentifierOnSameMeterWithOtherContent_SameDedupKey()
    {
        // The first wins even if other fields differ: the key depends on meter and identifier only.
        var first = Accept(Compute("cus_A", "evt-1", Now, "\"1\""));
        var second = Accept(Compute("cus_A", "evt-1", Now.AddMinutes(-1), "\"99\""));

        Assert.Equal(first.Record.DedupKey, second.Record.DedupKey);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("\"-5\"")]
    [InlineData("12")]
    public void TryValidate_CountMeter_IgnoresTheValue(string value)
    {
        var valid = Accept(UsageEvents.Line("api_call", "evt-1", Now, $$"""{"stripe_customer_id":"cus_A","value":{{value}}}"""));

        Assert.Equal(0m, valid.Record.Sample.Value);
        Assert.Equal("api_calls", valid.Record.Meter.Id);
    }

    [Fact]
    public void TryValidate_UniqueCountMeter_DistinctKeyFromTheUserIdText()
    {
        var u1 = Accept(ActiveUser("evt-1", "\"u_1\""));
        var u1Again = Accept(ActiveUser("evt-2", "\"u_1\""));
        var u2 = Accept(ActiveUser("evt-3", "\"u_2\""));

        Assert.Matches("^[0-9a-f]{32}$", u1.Record.Sample.DistinctKey);
        Assert.Equal(u1.Record.Sample.DistinctKey, u1Again.Record.Sample.DistinctKey);
        Assert.NotEqual(u1.Record.Sample.DistinctKey, u2.Record.Sample.DistinctKey);
    }

    [Fact]
    public void TryValidate_UniqueCountMeterWithValueKeyButNoUserId_InvalidValue()
    {
        var rejection = Reject(UsageEvents.Line("active_user", "evt-1", Now, """{"stripe_customer_id":"cus_A","value":"u_1"}"""));

        Assert.Equal(RejectionReason.InvalidValue, rejection.Reason);
        Assert.Contains("payload.user_id", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"0.1\"", "0.1")]
    [InlineData("0.1", "0.1")]
    [InlineData("\"123456789012.345\"", "123456789012.345")]
    [InlineData("1e3", "1000")]
    [InlineData("\"2.50\"", "2.50")]
    public void TryValidate_Value_DecodedAsExactDecimal(string value, string expected)
    {
        var valid = Accept(Compute("cus_A", "evt-1", Now, value));

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), valid.Record.Sample.Value);
    }

    [Theory]
    [InlineData("\"999999999999999\"", "999999999999999")]
    [InlineData("999999999999999", "999999999999999")]
    [InlineData("\"99999999999999.9\"", "99999999999999.9")]
    [InlineData("\"0.000000000000001\"", "0.000000000000001")]
    [InlineData("\"123456789.123456\"", "123456789.123456")]
    [InlineData("1e14", "100000000000000")]
    [InlineData("\"9.99999999999999e14\"", "999999999999999")]
    [InlineData("\"1.5E-14\"", "0.000000000000015")]
    [InlineData("\"1.000000000000000000000000000000\"", "1")]
    [InlineData("\"000000000000000000000042\"", "42")]
    [InlineData("\"0e99999\"", "0")]
    [InlineData("\".5\"", "0.5")]
    public void TryValidate_ValueWithinTheBounds_AcceptedExactly(string value, string expected)
    {
        var valid = Accept(Compute("cus_A", "evt-1", Now, value));

        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), valid.Record.Sample.Value);
    }

    [Theory]
    [InlineData("\"1000000000000000\"")] // one more than the largest |value|
    [InlineData("\"999999999999999.1\"")]
    [InlineData("\"0.0000000000000001\"")] // one decimal place more than the smallest
    [InlineData("\"1234567890123.456\"")] // 16 digits
    [InlineData("0.30000000000000004")] // a double's artefact, 17 digits
    [InlineData("\"1e15\"")]
    [InlineData("1e30")]
    [InlineData("\"1E+30\"")]
    [InlineData("\"1e-40\"")] // decimal would read 0
    [InlineData("\"1.0000000000000000000000000000001\"")] // decimal would round it to 1
    [InlineData("\"79228162514264337593543950336\"")] // decimal.MaxValue + 1
    [InlineData("\"50000000000000000000000000000\"")] // two of them overflow a sum
    [InlineData("\"1e999999999999999999999\"")]
    public void TryValidate_ValueBeyondTheBounds_InvalidValueNamingTheBound(string value)
    {
        var rejection = Reject(Compute("cus_A", "evt-1", Now, value));

        Assert.Equal("invalid_value", rejection.Code);
        Assert.Contains($"payload.value '{value.Trim('"')}' is out of range", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("at most 15 digits", rejection.Message, StringComparison.Ordinal);
        Assert.Contains("|value| is at most 999999999999999 with at most 15 decimal places", rejection.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("temperature", "stripe_customer_id", "value", "1000000000000000000")] // last: the issue's value
    [InlineData("storage_gb", "stripe_customer_id", "value", "1000000000000000")] // max
    [InlineData("adjustment", "customer", "amount", "-1000000000000000")] // sum with negatives
    public void TryValidate_EveryValuedFormulaBeyondTheBound_InvalidValue(string eventName, string customerKey, string valueKey, string value)
    {
        var rejection = Reject(UsageEvents.Line(eventName, "evt-1", Now, $$"""{"{{customerKey}}":"cus_A","{{valueKey}}":"{{value}}"}"""));

        Assert.Equal(RejectionReason.InvalidValue, rejection.Reason);
        Assert.Contains($"payload.{valueKey} '{value}' is out of range", rejection.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryValidate_NegativeValueAtTheBound_AcceptedOnAMeterThatAllowsIt()
    {
        var valid = Accept(UsageEvents.Line("adjustment", "adj-1", Now, """{"customer":"cus_A","amount":"-999999999999999"}"""));

        Assert.Equal(-EventValues.MaxMagnitude, valid.Record.Sample.Value);
    }

    [Fact]
    public void TryValidate_AllowNegativeMeterWithCustomKeys_AcceptsNegativeAmount()
    {
        var valid = Accept(UsageEvents.Line("adjustment", "adj-1", Now, """{"customer":"cus_C","amount":"-250.75"}"""));

        Assert.Equal(("sub_cus_C", "adjustments", -250.75m), (valid.Partition.SubscriptionId, valid.Record.Meter.Id, valid.Record.Sample.Value));
    }

    [Fact]
    public void TryValidate_Rejected_LeavesValidEventDefault()
    {
        Assert.False(validator.TryValidate(Parse(Compute("cus_Z", "evt-1", Now, "1")), Now, out var valid, out var rejection));

        Assert.Equal(default, valid);
        Assert.NotNull(rejection.Message);
    }

    [Fact]
    public void Constructor_NullArgument_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new EventValidator(null!, new IngestionOptions()));
        Assert.Throws<ArgumentNullException>(() => new EventValidator(Catalog, null!));
    }

    private static string Compute(string customer, string? identifier, DateTimeOffset at, string valueJson) =>
        UsageEvents.Line("compute_seconds", identifier, at, $$"""{"stripe_customer_id":"{{customer}}","value":{{valueJson}}}""");

    private static string ActiveUser(string identifier, string userJson) =>
        UsageEvents.Line("active_user", identifier, Now, $$"""{"stripe_customer_id":"cus_A","user_id":{{userJson}}}""");

    private static RawEvent Parse(string line, long lineNumber = 1) => JsonEventReader.ParseLine(Encoding.UTF8.GetBytes(line), lineNumber);

    [GeneratedRegex("^auto_[0-9a-f]{32}$")]
    private static partial Regex AutoIdentifier();

    private ValidEvent Accept(string line, long lineNumber = 1)
    {
        var ok = validator.TryValidate(Parse(line, lineNumber), time.GetUtcNow(), out var valid, out var rejection);

        Assert.True(ok, $"rejected: {rejection.Code} {rejection.Message}");
        Assert.Equal(default, rejection);
        return valid;
    }

    private Rejection Reject(string line)
    {
        var ok = validator.TryValidate(Parse(line), time.GetUtcNow(), out var valid, out var rejection);

        Assert.False(ok, $"accepted: {line}");
        Assert.Equal(default, valid);
        return rejection;
    }
}
