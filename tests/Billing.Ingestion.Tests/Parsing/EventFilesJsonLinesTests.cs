using Billing.Ingestion.Parsing;
using Billing.Ingestion.Tests.Support;

namespace Billing.Ingestion.Tests.Parsing;

public sealed class EventFilesJsonLinesTests
{
    private const string Name = "2026/01/usage.jsonl";
    private const string A = """{"event_name":"compute_seconds","timestamp":1767225600,"identifier":"evt-a","payload":{"stripe_customer_id":"cus_A","value":"12.5"}}""";
    private const string B = """{"event_name":"api_call","timestamp":1767225601,"identifier":"evt-b","payload":{"stripe_customer_id":"cus_B"}}""";
    private static readonly DateTimeOffset January1 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Read_LfLines_OneEventPerLineNumberedFromOne()
    {
        var events = Files.Read($"{A}\n{B}\n", Name);

        Assert.Equal([1L, 2L], events.Select(e => e.Line));
        Assert.All(events, e => Assert.Null(e.Malformed));
        var a = events[0];
        Assert.Equal(("compute_seconds", January1, "evt-a"), (a.EventName, a.Timestamp, a.Identifier));
        Assert.Equal([new("stripe_customer_id", "cus_A"), new("value", "12.5")], a.Payload);
        Assert.Equal(("api_call", "evt-b", "cus_B"), (events[1].EventName, events[1].Identifier, events[1].PayloadValue("stripe_customer_id")));
    }

    [Fact]
    public void Read_CrLfLines_SameEventsAsLf()
    {
        var lf = Files.Read($"{A}\n{B}\n", Name);

        var crlf = Files.Read($"{A}\r\n{B}\r\n", Name);

        Assert.Equal(2, crlf.Count);
        for (var i = 0; i < lf.Count; i++)
        {
            Assert.Equal((lf[i].Line, lf[i].EventName, lf[i].Timestamp, lf[i].Identifier, lf[i].Malformed), (crlf[i].Line, crlf[i].EventName, crlf[i].Timestamp, crlf[i].Identifier, crlf[i].Malformed));
            Assert.Equal(lf[i].Payload, crlf[i].Payload);
        }
    }

    [Fact]
    public void Read_BlankLines_SkippedButCounted()
    {
        var events = Files.Read($"\n{A}\n\n   \r\n\t\n{B}\n\n", Name);

        Assert.Equal([2L, 6L], events.Select(e => e.Line));
        Assert.Equal(["evt-a", "evt-b"], events.Select(e => e.Identifier));
    }

    [Fact]
    public void Read_LastLineWithoutNewline_IsRead()
    {
        var events = Files.Read($"{A}\n{B}", Name);

        Assert.Equal(2, events.Count);
        Assert.Equal((2L, "evt-b", (string?)null), (events[1].Line, events[1].Identifier, events[1].Malformed));
    }

    [Fact]
    public void Read_LastLineWithoutNewlineAfterCrLf_IsRead()
    {
        var events = Files.Read($"{A}\r\n{B}", Name);

        Assert.Equal(["evt-a", "evt-b"], events.Select(e => e.Identifier));
    }

    [Fact]
    public void Read_EmptyFile_NoEvents()
    {
        Assert.Empty(Files.Read(string.Empty, Name));
        Assert.Empty(Files.Read("\n\r\n  \n", Name));
    }

    [Fact]
    public void Read_LineLongerThanMax_OneMalformedEventAndNextLineParses()
    {
        var huge = $$$"""{"event_name":"compute_seconds","timestamp":1767225600,"identifier":"{{{new string('x', LineReader.MaxLineBytes)}}}","payload":{}}""";

        var events = Files.Read($"{A}\n{huge}\n{B}\n", Name);

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Line));
        Assert.Null(events[0].Malformed);
        Assert.Contains("longer than", events[1].Malformed);
        Assert.Null(events[2].Malformed);
        Assert.Equal("evt-b", events[2].Identifier);
    }

    [Fact]
    public void Read_LongLineUnderMaxThroughSmallReads_Parses()
    {
        // Longer than the reader's initial buffer, so the buffer has to grow, yet under the limit.
        var value = new string('7', 600_000);
        var longLine = $$$"""{"event_name":"compute_seconds","timestamp":1767225600,"identifier":"evt-long","payload":{"stripe_customer_id":"cus_A","value":"{{{value}}}"}}""";
        using var stream = GeneratedStream.Of($"{A}\n{longLine}\n{B}\n", maxRead: 4093);

        var events = EventFiles.Read(stream, Name).ToList();

        Assert.Equal(["evt-a", "evt-long", "evt-b"], events.Select(e => e.Identifier));
        Assert.All(events, e => Assert.Null(e.Malformed));
        Assert.Equal(value, events[1].PayloadValue("value"));
    }

    [Fact]
    public void Read_LineLongerThanMaxThroughSmallReads_OneMalformedEventAndNextLineParses()
    {
        var huge = new string('x', LineReader.MaxLineBytes + 10);
        using var stream = GeneratedStream.Of($"{A}\n{huge}\r\n{B}", maxRead: 512);

        var events = EventFiles.Read(stream, Name).ToList();

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Line));
        Assert.Contains("longer than", events[1].Malformed);
        Assert.Equal(("evt-b", (string?)null), (events[2].Identifier, events[2].Malformed));
    }

    [Fact]
    public void Read_LastLineLongerThanMaxWithoutNewline_OneMalformedEvent()
    {
        var events = Files.Read($"{A}\n{new string(' ', LineReader.MaxLineBytes + 1)}x", Name);

        Assert.Equal([1L, 2L], events.Select(e => e.Line));
        Assert.Contains("longer than", events[1].Malformed);
    }

    [Fact]
    public void Read_InvalidJson_MalformedWithItsLineNumber()
    {
        var events = Files.Read($"{A}\n{{\"event_name\": \"compute_seconds\", \n{B}\n", Name);

        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Line));
        Assert.Null(events[0].Malformed);
        Assert.Contains("invalid JSON", events[1].Malformed);
        Assert.Null(events[2].Malformed);
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("42")]
    [InlineData("\"compute_seconds\"")]
    [InlineData("null")]
    [InlineData("[" + A + "]")]
    public void Read_NonObjectLine_Malformed(string line)
    {
        var events = Files.Read($"{line}\n{A}\n", Name);

        Assert.Equal(2, events.Count);
        Assert.Equal(1, events[0].Line);
        Assert.Contains("expected a JSON object", events[0].Malformed);
        Assert.Null(events[1].Malformed);
    }

    [Fact]
    public void Read_TwoObjectsOnOneLine_Malformed()
    {
        var events = Files.Read($"{A} {B}\n", Name);

        Assert.NotNull(Assert.Single(events).Malformed);
    }

    [Theory]
    [InlineData("\"12.5\"", "12.5")]
    [InlineData("12.5", "12.5")]
    [InlineData("12.50", "12.50")]
    [InlineData("-3", "-3")]
    [InlineData("1e3", "1e3")]
    [InlineData("0.1000000000000000055511151231257827", "0.1000000000000000055511151231257827")]
    [InlineData("\"\"", "")]
    public void Read_PayloadNumberOrString_KeepsTheLiteralText(string json, string expected)
    {
        var events = Files.Read($$$"""{"event_name":"compute_seconds","timestamp":1767225600,"payload":{"stripe_customer_id":"cus_A","value":{{{json}}}}}""", Name);

        var e = Assert.Single(events);
        Assert.Null(e.Malformed);
        Assert.Equal(expected, e.PayloadValue("value"));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{\"amount\":1}")]
    [InlineData("[1]")]
    public void Read_PayloadValueNeitherStringNorNumber_MalformedNamingTheKey(string json)
    {
        var events = Files.Read($$$"""{"event_name":"compute_seconds","timestamp":1767225600,"payload":{"stripe_customer_id":"cus_A","value":{{{json}}}}}""", Name);

        Assert.Contains("payload.value", Assert.Single(events).Malformed);
    }

    [Theory]
    [InlineData("1767225600")]
    [InlineData("\"1767225600\"")]
    [InlineData("\"2026-01-01T00:00:00Z\"")]
    [InlineData("\"2026-01-01T02:00:00+02:00\"")]
    [InlineData("\"2025-12-31T19:00:00-05:00\"")]
    [InlineData("\"2026-01-01T00:00:00.000Z\"")]
    public void Read_TimestampInAnyAcceptedForm_SameUtcInstant(string json)
    {
        var events = Files.Read($$$"""{"event_name":"api_call","timestamp":{{{json}}},"payload":{"stripe_customer_id":"cus_A"}}""", Name);

        var e = Assert.Single(events);
        Assert.Null(e.Malformed);
        Assert.Equal(January1, e.Timestamp);
        Assert.Equal(TimeSpan.Zero, e.Timestamp!.Value.Offset);
    }

    [Theory]
    [InlineData("\"2026-01-01T00:00:00\"")]
    [InlineData("\"2026-01-01\"")]
    [InlineData("\"01/01/2026 00:00:00\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("1767225600.5")]
    [InlineData("1e30")]
    [InlineData("null")]
    [InlineData("true")]
    public void Read_TimestampNotUnixSecondsNorRfc3339WithZone_Malformed(string json)
    {
        var events = Files.Read($$$"""{"event_name":"api_call","timestamp":{{{json}}},"payload":{"stripe_customer_id":"cus_A"}}""", Name);

        var e = Assert.Single(events);
        Assert.Contains("timestamp", e.Malformed);
        Assert.Null(e.Timestamp);
    }

    [Theory]
    [InlineData("""{"timestamp":1767225600,"payload":{}}""", "event_name")]
    [InlineData("""{"event_name":"api_call","payload":{}}""", "timestamp")]
    [InlineData("""{"event_name":"api_call","timestamp":1767225600}""", "payload")]
    [InlineData("""{"event_name":"api_call","timestamp":1767225600,"payload":"cus_A"}""", "payload")]
    [InlineData("""{"event_name":7,"timestamp":1767225600,"payload":{}}""", "event_name")]
    [InlineData("""{"event_name":"api_call","timestamp":1767225600,"identifier":7,"payload":{}}""", "identifier")]
    public void Read_RequiredFieldMissingOrMistyped_MalformedNamingTheField(string line, string field)
    {
        var events = Files.Read(line + "\n", Name);

        Assert.Contains(field, Assert.Single(events).Malformed);
    }

    [Theory]
    [InlineData("""{"event_name":{"name":"api_call"},"timestamp":1767225600,"payload":{}}""", "event_name")]
    [InlineData("""{"event_name":"api_call","timestamp":[1767225600],"payload":{}}""", "timestamp")]
    [InlineData("""{"event_name":"api_call","timestamp":1767225600,"identifier":{"id":"x"},"payload":{}}""", "identifier")]
    public void Read_NestedValueForAScalarField_MalformedNamingTheField(string line, string field)
    {
        var events = Files.Read($"{line}\n{A}\n", Name);

        Assert.Equal(2, events.Count);
        Assert.Contains(field, events[0].Malformed);
        Assert.Null(events[1].Malformed);
    }

    [Fact]
    public void Read_Utf8BomBeforeTheFirstLine_Ignored()
    {
        var events = Files.Read([.. "\uFEFF"u8, .. System.Text.Encoding.UTF8.GetBytes($"{A}\r\n{B}\r\n")], Name);

        Assert.Equal(["evt-a", "evt-b"], events.Select(e => e.Identifier));
        Assert.All(events, e => Assert.Null(e.Malformed));
    }

    [Fact]
    public void Read_EmptyIdentifier_TreatedAsAbsent()
    {
        var e = Assert.Single(Files.Read("""{"event_name":"api_call","timestamp":1767225600,"identifier":"","payload":{"stripe_customer_id":"cus_A"}}""", Name));

        Assert.Null(e.Malformed);
        Assert.Null(e.Identifier);
    }

    [Fact]
    public void Read_UnknownFieldsAndNullIdentifier_Ignored()
    {
        var events = Files.Read("""{"object":"billing.meter_event","event_name":"api_call","identifier":null,"created":{"a":[1,2]},"timestamp":1767225600,"payload":{"stripe_customer_id":"cus_A"}}""", Name);

        var e = Assert.Single(events);
        Assert.Null(e.Malformed);
        Assert.Null(e.Identifier);
        Assert.Equal("api_call", e.EventName);
    }

    [Fact]
    public void Read_HugeFileThroughSmallReadsOfANonSeekableStream_StreamsEveryEvent()
    {
        const int Count = 200_000;
        var start = January1.ToUnixTimeSeconds();
        using var stream = GeneratedStream.Lines(
            i => $$$"""{"event_name":"compute_seconds","timestamp":{{{start + i}}},"identifier":"evt-{{{i}}}","payload":{"stripe_customer_id":"cus_A","value":"{{{i % 100}}}.5"}}""" + (i % 2 == 0 ? "\n" : "\r\n"),
            Count,
            maxRead: 7);

        using var events = EventFiles.Read(stream, Name).GetEnumerator();
        Assert.True(events.MoveNext());
        var servedForFirstEvent = stream.BytesServed;
        long count = 1, malformed = 0, lastLine = 1;
        RawEvent last = events.Current;
        while (events.MoveNext())
        {
            last = events.Current;
            count++;
            malformed += last.Malformed is null ? 0 : 1;
            Assert.Equal(lastLine + 1, last.Line);
            lastLine = last.Line;
        }

        Assert.Equal((Count, 0L), (count, malformed));
        Assert.Equal(($"evt-{Count - 1}", "99.5"), (last.Identifier, last.PayloadValue("value")));
        Assert.Equal(January1.AddSeconds(Count - 1), last.Timestamp);
        // The first event came out after a few reads, not after the whole (~30 MB) file.
        Assert.True(servedForFirstEvent < 1024, $"{servedForFirstEvent} bytes read before the first event");
        Assert.True(stream.BytesServed > 25_000_000);
    }

    [Fact]
    public void Read_JsonExtensionsOtherThanCsv_ReadAsJsonLines()
    {
        foreach (var name in new[] { "a.jsonl", "a.ndjson", "a.json", "a.JSONL", "dir.csv/a.jsonl" })
        {
            var e = Assert.Single(Files.Read(A, name));
            Assert.Null(e.Malformed);
        }
    }
}
