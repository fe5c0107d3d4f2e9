using System.Text;
using Billing.Ingestion.Tests.Support;

namespace Billing.Ingestion.Tests.Parsing;

/// <summary>Bytes that are not text, and escapes that are not UTF-16, spoil their own line only.</summary>
public sealed class EventFilesBadBytesTests
{
    private const string Good = "{'event_name':'api_call','timestamp':1767225600,'identifier':'evt-{0}','payload':{'stripe_customer_id':'cus_A'}}";

    public static TheoryData<string, byte[], string> BadJsonLines => new()
    {
        { "0xFF in the identifier", Json("{'event_name':'api_call','timestamp':1767225600,'identifier':'evt-", [0xFF], "','payload':{'stripe_customer_id':'cus_A'}}"), "invalid UTF-8 at byte 66" },
        { "a lone continuation byte in a payload key", Json("{'event_name':'api_call','timestamp':1767225600,'payload':{'stripe_customer_id':'cus_A','k", [0x80], "':'v'}}"), "invalid UTF-8 at byte 90" },
        { "an overlong encoding in the event name", Json("{'event_name':'api_", [0xC0, 0xAF], "call','timestamp':1767225600,'payload':{'stripe_customer_id':'cus_A'}}"), "invalid UTF-8 at byte 19" },
        { "an encoded surrogate (CESU-8) in a value", Json("{'event_name':'api_call','timestamp':1767225600,'payload':{'stripe_customer_id':'cus_", [0xED, 0xA0, 0x80], "'}}"), "invalid UTF-8 at byte 85" },
        { "a truncated sequence in a field that is not read", Json("{'event_name':'api_call','timestamp':1767225600,'note':'caf", [0xC3], "','payload':{'stripe_customer_id':'cus_A'}}"), "invalid UTF-8 at byte 59" },
        { "a bad byte in the identifier's key, which would drop the identifier", Json("{'event_name':'api_call','timestamp':1767225600,'identi", [0xFF], "fier':'evt-2','payload':{'stripe_customer_id':'cus_A'}}"), "invalid UTF-8 at byte 55" },
        { "deep inside a field that is not read", Json("{'event_name':'api_call','timestamp':1767225600,'list':[1,{'k':['caf", [0xE9], "']}],'payload':{'stripe_customer_id':'cus_A'}}"), "invalid UTF-8 at byte 68" },
        { "a lone high surrogate escape in the identifier", Json("{'event_name':'api_call','timestamp':1767225600,'identifier':'a\\ud800','payload':{'stripe_customer_id':'cus_A'}}"), "lone surrogate escape \\ud800 at byte 63" },
        { "a lone low surrogate escape in a payload key", Json("{'event_name':'api_call','timestamp':1767225600,'payload':{'stripe_customer_id':'cus_A','\\uDC00':'v'}}"), "lone surrogate escape \\uDC00 at byte 89" },
        { "reversed surrogate escapes in the event name", Json("{'event_name':'\\udc00\\ud800','timestamp':1767225600,'payload':{'stripe_customer_id':'cus_A'}}"), "lone surrogate escape \\udc00 at byte 15" },
        { "a high surrogate escape followed by text", Json("{'event_name':'api_call','timestamp':'\\ud83d1767225600','payload':{'stripe_customer_id':'cus_A'}}"), "lone surrogate escape \\ud83d at byte 38" },
    };

    [Theory]
    [MemberData(nameof(BadJsonLines))]
    public void Read_JsonLineThatIsNotText_MalformedNamingWhereAndTheOtherLinesRead(string description, byte[] bad, string message)
    {
        var content = Lines(Line(1), bad, Line(3));

        var events = Files.Read(content, "usage.jsonl");

        Assert.Equal(3, events.Count);
        Assert.Equal((2L, message), (events[1].Line, events[1].Malformed));
        Assert.All([events[0], events[2]], e => Assert.Null(e.Malformed));
        Assert.Equal(["evt-1", "evt-3"], new[] { events[0].Identifier, events[2].Identifier });
        Assert.False(string.IsNullOrEmpty(description));
    }

    [Fact]
    public void Read_EscapedSurrogatePairAndEscapedBackslashU_Read()
    {
        var content = Lines(
            Json("{'event_name':'api_call','timestamp':1767225600,'identifier':'\\ud83d\\ude00','payload':{'stripe_customer_id':'cus_A'}}"),
            Json("{'event_name':'api_call','timestamp':1767225600,'identifier':'\\\\ud800','payload':{'stripe_customer_id':'cus_A'}}"));

        var events = Files.Read(content, "usage.jsonl");

        Assert.All(events, e => Assert.Null(e.Malformed));
        Assert.Equal(["\U0001F600", "\\ud800"], events.Select(e => e.Identifier));
    }

    [Fact]
    public void Read_CsvRowThatIsNotText_MalformedAndTheOtherRowsRead()
    {
        var content = Lines(
            Encoding.UTF8.GetBytes("event_name,timestamp,identifier,stripe_customer_id"),
            Encoding.UTF8.GetBytes("api_call,1767225600,evt-1,cus_A"),
            [.. "api_call,1767225600,evt-2,cus_"u8, 0xFF, (byte)'A'],
            Encoding.UTF8.GetBytes("api_call,1767225600,evt-3,cus_A"));

        var events = Files.Read(content, "usage.csv");

        Assert.Equal(3, events.Count);
        Assert.Equal((3L, "invalid UTF-8 at byte 30"), (events[1].Line, events[1].Malformed));
        Assert.Equal(["evt-1", "evt-3"], new[] { events[0].Identifier, events[2].Identifier });
        Assert.All([events[0], events[2]], e => Assert.Null(e.Malformed));
    }

    [Fact]
    public void Read_CsvHeaderThatIsNotText_OneMalformedEvent()
    {
        var content = Lines([.. "event_name,timestamp,"u8, 0xFE, .. "identifier"u8], Encoding.UTF8.GetBytes("api_call,1767225600,evt-1"));

        var e = Assert.Single(Files.Read(content, "usage.csv"));

        Assert.Equal(1L, e.Line);
        Assert.Contains("invalid UTF-8 at byte 21", e.Malformed, StringComparison.Ordinal);
    }

    private static byte[] Line(int k) => Json(Good.Replace("{0}", k.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

    // JSON written with ' for " so that the fragments read easily.
    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text.Replace('\'', '"'));

    private static byte[] Json(string before, byte[] bytes, string after) => [.. Json(before), .. bytes, .. Json(after)];

    private static byte[] Lines(params byte[][] lines) => [.. lines.SelectMany(l => l.Append((byte)'\n'))];
}
