using Billing.Ingestion.Parsing;
using Billing.Ingestion.Tests.Support;

namespace Billing.Ingestion.Tests.Parsing;

public sealed class EventFilesCsvTests
{
    private const string Name = "2026/01/usage.csv";
    private const string Header = "event_name,timestamp,identifier,stripe_customer_id,value";
    private static readonly DateTimeOffset January1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_StandardHeader_MapsColumnsToFieldsAndPayload()
    {
        var events = Files.Read($"{Header}\ncompute_seconds,1767225600,evt-1,cus_A,12.5\n", Name);

        var e = Assert.Single(events);
        Assert.Null(e.Malformed);
        Assert.Equal((2L, "compute_seconds", January1, "evt-1"), (e.Line, e.EventName, e.Timestamp, e.Identifier));
        Assert.Equal([new("stripe_customer_id", "cus_A"), new("value", "12.5")], e.Payload);
    }

    [Fact]
    public void Read_ColumnsInAnyOrderWithExtraPayloadKeys_MappedByHeader()
    {
        var events = Files.Read(" value , user_id,timestamp ,event_name,region\n3,u_1,2026-01-01T00:00:00Z,active_user,eu\n", Name);

        var e = Assert.Single(events);
        Assert.Null(e.Malformed);
        Assert.Equal(("active_user", January1, (string?)null), (e.EventName, e.Timestamp, e.Identifier));
        Assert.Equal([new("value", "3"), new("user_id", "u_1"), new("region", "eu")], e.Payload);
    }

    [Fact]
    public void Read_QuotedFieldsWithCommasAndEscapedQuotes_Unquoted()
    {
        var events = Files.Read($"{Header}\n\"compute_seconds\",\"1767225600\",\"evt,1\",\"cus_\"\"A\"\"\",\"1,5\"\n", Name);

        var e = Assert.Single(events);
        Assert.Null(e.Malformed);
        Assert.Equal(("compute_seconds", "evt,1"), (e.EventName, e.Identifier));
        Assert.Equal("cus_\"A\"", e.PayloadValue("stripe_customer_id"));
        Assert.Equal("1,5", e.PayloadValue("value"));
    }

    [Fact]
    public void Read_QuotedEmptyField_Absent()
    {
        var e = Assert.Single(Files.Read($"{Header}\ncompute_seconds,1767225600,\"\",cus_A,\"\"\n", Name));

        Assert.Null(e.Identifier);
        Assert.Null(e.PayloadValue("value"));
    }

    [Fact]
    public void Read_UnterminatedQuote_MalformedAndNextRowParses()
    {
        var events = Files.Read($"{Header}\ncompute_seconds,1767225600,\"evt-1,cus_A,1\ncompute_seconds,1767225600,evt-2,cus_A,1\n", Name);

        Assert.Equal([2L, 3L], events.Select(e => e.Line));
        Assert.Contains("quoted", events[0].Malformed);
        Assert.Null(events[1].Malformed);
    }

    [Fact]
    public void Read_BomOnHeader_Ignored()
    {
        var events = Files.Read($"\uFEFF{Header}\r\ncompute_seconds,1767225600,evt-1,cus_A,12.5\r\n", Name);

        var e = Assert.Single(events);
        Assert.Null(e.Malformed);
        Assert.Equal(("compute_seconds", "12.5"), (e.EventName, e.PayloadValue("value")));
    }

    [Fact]
    public void Read_CrLfRows_NoCarriageReturnInLastCell()
    {
        var events = Files.Read($"{Header}\r\ncompute_seconds,1767225600,evt-1,cus_A,12.5\r\ncompute_seconds,1767225600,evt-2,cus_A,7", Name);

        Assert.Equal(["12.5", "7"], events.Select(e => e.PayloadValue("value")));
    }

    [Theory]
    [InlineData("compute_seconds,1767225600,evt-1,cus_A", 4)]
    [InlineData("compute_seconds,1767225600,evt-1,cus_A,12.5,extra", 6)]
    public void Read_WrongColumnCount_MalformedKeepingLineAndIdentifier(string row, int found)
    {
        var events = Files.Read($"{Header}\n{row}\ncompute_seconds,1767225600,evt-2,cus_A,1\n", Name);

        Assert.Equal(2, events.Count);
        Assert.Equal((2L, "evt-1"), (events[0].Line, events[0].Identifier));
        Assert.Equal($"expected 5 fields, found {found}", events[0].Malformed);
        Assert.Equal((3L, (string?)null), (events[1].Line, events[1].Malformed));
    }

    [Theory]
    [InlineData("timestamp,identifier,stripe_customer_id,value", "event_name")]
    [InlineData("event_name,identifier,stripe_customer_id,value", "timestamp")]
    [InlineData("identifier,stripe_customer_id,value", "event_name and timestamp")]
    [InlineData("event_name,ts,identifier,stripe_customer_id,value", "timestamp")]
    public void Read_HeaderMissingRequiredColumn_OneMalformedEventNamingTheColumnsThenStops(string header, string missing)
    {
        var events = Files.Read($"\n{header}\ncompute_seconds,1767225600,evt-1,cus_A\napi_call,1767225600,evt-2,cus_A\n", Name);

        var e = Assert.Single(events);
        Assert.Equal(2, e.Line);
        Assert.Equal(
            $"the CSV header lacks {missing}; its columns are {header}. A usage CSV starts with a header such as event_name,timestamp,identifier,stripe_customer_id,value "
            + "(event_name and timestamp required; identifier and one column per payload key optional). No row of the file was read",
            e.Malformed);
    }

    [Fact]
    public void Read_LongHeaderMissingRequiredColumn_QuotesItsFirst200Characters()
    {
        var header = string.Join(",", Enumerable.Range(0, 100).Select(i => $"column{i}"));

        var e = Assert.Single(Files.Read($"{header}\n", Name));

        Assert.Contains($"its columns are {header[..200]}…. A usage CSV", e.Malformed, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyIdentifierCell_NullIdentifier()
    {
        var e = Assert.Single(Files.Read($"{Header}\napi_call,1767225600,,cus_A,\n", Name));

        Assert.Null(e.Malformed);
        Assert.Null(e.Identifier);
        Assert.Null(e.PayloadValue("value"));
        Assert.Equal([new("stripe_customer_id", "cus_A")], e.Payload);
    }

    [Theory]
    [InlineData(",1767225600,evt-1,cus_A,1", "event_name")]
    [InlineData("compute_seconds,,evt-1,cus_A,1", "timestamp")]
    [InlineData("compute_seconds,2026-01-01T00:00:00,evt-1,cus_A,1", "timestamp")]
    public void Read_EmptyOrBadRequiredCell_MalformedNamingTheField(string row, string field)
    {
        var e = Assert.Single(Files.Read($"{Header}\n{row}\n", Name));

        Assert.Contains(field, e.Malformed);
        Assert.Equal("evt-1", e.Identifier);
    }

    [Fact]
    public void Read_BlankLinesBetweenRows_SkippedButCounted()
    {
        var events = Files.Read($"\n{Header}\n\ncompute_seconds,1767225600,evt-1,cus_A,1\n \napi_call,2026-01-01T01:00:00+01:00,evt-2,cus_B,\n", Name);

        Assert.Equal([4L, 6L], events.Select(e => e.Line));
        Assert.Equal(January1, events[1].Timestamp);
    }

    [Fact]
    public void Read_HeaderOnly_NoEvents()
    {
        Assert.Empty(Files.Read($"{Header}\n", Name));
    }

    [Theory]
    [InlineData("usage.CSV")]
    [InlineData("usage.csv.gz")]
    public void IsCsv_CsvNameInAnyCaseOrGzipped_True(string name) => Assert.True(EventFiles.IsCsv(name));

    [Theory]
    [InlineData("usage.jsonl")]
    [InlineData("usage.jsonl.gz")]
    [InlineData("usage.csv.txt")]
    public void IsCsv_OtherName_False(string name) => Assert.False(EventFiles.IsCsv(name));
}
