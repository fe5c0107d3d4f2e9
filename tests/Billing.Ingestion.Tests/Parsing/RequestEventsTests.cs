using System.Text;
using Billing.Ingestion.Parsing;

namespace Billing.Ingestion.Tests.Parsing;

public sealed class RequestEventsTests
{
    private const string A = """{"event_name":"compute_seconds","timestamp":1767225600,"identifier":"evt-a","payload":{"stripe_customer_id":"cus_A","value":12.5}}""";
    private const string B = """{"event_name":"api_call","timestamp":"2026-01-01T00:00:01Z","identifier":"evt-b","payload":{"stripe_customer_id":"cus_B"}}""";
    private const string C = """{"event_name":"api_call","timestamp":1767225602,"identifier":"evt-c","payload":{"stripe_customer_id":"cus_C"}}""";

    [Fact]
    public void Parse_SingleObject_OneEventAtIndexZero()
    {
        var events = Parse(A, out var problem);

        Assert.Null(problem);
        var e = Assert.Single(events!);
        Assert.Equal((0L, "compute_seconds", "evt-a", "12.5", (string?)null), (e.Line, e.EventName, e.Identifier, e.PayloadValue("value"), e.Malformed));
    }

    [Fact]
    public void Parse_PrettyPrintedSingleObject_OneEvent()
    {
        var body = """

            {
              "event_name": "compute_seconds",
              "timestamp": 1767225600,
              "identifier": "evt-a",
              "payload": {
                "stripe_customer_id": "cus_A",
                "value": "12.5"
              }
            }

            """.Replace("\n", "\r\n", StringComparison.Ordinal);

        var events = Parse(body, out var problem);

        Assert.Null(problem);
        var e = Assert.Single(events!);
        Assert.Null(e.Malformed);
        Assert.Equal(("evt-a", "cus_A", "12.5"), (e.Identifier, e.PayloadValue("stripe_customer_id"), e.PayloadValue("value")));
    }

    [Fact]
    public void Parse_JsonArray_OneEventPerElementIndexedFromZero()
    {
        var events = Parse($"[\n  {A},\n  {B},\n  {C}\n]", out var problem);

        Assert.Null(problem);
        Assert.Equal([0L, 1L, 2L], events!.Select(e => e.Line));
        Assert.Equal(["evt-a", "evt-b", "evt-c"], events!.Select(e => e.Identifier));
        Assert.All(events!, e => Assert.Null(e.Malformed));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"evt\"")]
    [InlineData("null")]
    [InlineData("[" + A + "]")]
    public void Parse_ArrayWithNonObjectElement_MalformedAtThatIndex(string element)
    {
        var events = Parse($"[{A},{element},{C}]", out var problem);

        Assert.Null(problem);
        Assert.Equal([0L, 1L, 2L], events!.Select(e => e.Line));
        Assert.Null(events![0].Malformed);
        Assert.Contains("expected a JSON object", events[1].Malformed);
        Assert.Equal(("evt-c", (string?)null), (events[2].Identifier, events[2].Malformed));
    }

    [Fact]
    public void Parse_ArrayWithObjectMissingAField_MalformedAtThatIndex()
    {
        var events = Parse($$$"""[{{{A}}},{"event_name":"api_call","identifier":"evt-x","payload":{}},{{{C}}}]""", out var problem);

        Assert.Null(problem);
        Assert.Equal(3, events!.Count);
        Assert.Equal((1L, "evt-x"), (events[1].Line, events[1].Identifier));
        Assert.Contains("timestamp", events[1].Malformed);
        Assert.Null(events[2].Malformed);
    }

    [Theory]
    [InlineData("""{"event_name":{"name":"api_call"},"timestamp":1767225600,"payload":{"stripe_customer_id":"cus_X"}}""", "event_name")]
    [InlineData("""{"event_name":["api_call"],"timestamp":1767225600,"payload":{"stripe_customer_id":"cus_X"}}""", "event_name")]
    [InlineData("""{"event_name":"api_call","timestamp":{"seconds":1767225600},"payload":{"stripe_customer_id":"cus_X"}}""", "timestamp")]
    [InlineData("""{"event_name":"api_call","timestamp":[1767225600],"payload":{"stripe_customer_id":"cus_X"}}""", "timestamp")]
    [InlineData("""{"event_name":"api_call","timestamp":1767225600,"identifier":{"id":"evt-x"},"payload":{"stripe_customer_id":"cus_X"}}""", "identifier")]
    [InlineData("""{"event_name":"api_call","timestamp":1767225600,"identifier":["evt-x",{"a":[]}],"payload":{"stripe_customer_id":"cus_X"}}""", "identifier")]
    public void Parse_ArrayElementWithNestedValueForAScalarField_OneMalformedEventAtThatIndex(string element, string field)
    {
        var events = Parse($"[{A},{element},{C}]", out var problem);

        Assert.Null(problem);
        Assert.Equal([0L, 1L, 2L], events!.Select(e => e.Line));
        Assert.Contains(field, events![1].Malformed);
        Assert.Equal(("evt-c", (string?)null), (events[2].Identifier, events[2].Malformed));
    }

    [Theory]
    [InlineData("\"payload\": {\"stripe_customer_id\": \"cus_A\"}", "timestamp")]
    [InlineData("\"timestamp\": \"2026-01-01T00:00:00\",\n  \"payload\": {\"stripe_customer_id\": \"cus_A\"}", "timestamp")]
    [InlineData("\"timestamp\": 1767225600", "payload")]
    [InlineData("\"timestamp\": 1767225600,\n  \"payload\": {\n    \"stripe_customer_id\": true\n  }", "payload.stripe_customer_id")]
    public void Parse_PrettyPrintedSingleObjectWithABadField_OneMalformedEventNamingTheField(string fields, string field)
    {
        var body = $"{{\n  \"event_name\": \"api_call\",\n  \"identifier\": \"evt-p\",\n  {fields}\n}}\n";

        var events = Parse(body, out var problem);

        Assert.Null(problem);
        var e = Assert.Single(events!);
        Assert.Equal((0L, "evt-p"), (e.Line, e.Identifier));
        Assert.Contains(field, e.Malformed);
    }

    [Fact]
    public void Parse_BodyWithUtf8Bom_ReadsTheEvents()
    {
        var single = Parse($"\uFEFF{A}", out var problem1);
        var array = Parse($"\uFEFF[{A},{B}]", out var problem2);
        var lines = Parse($"\uFEFF{A}\n{B}\n", out var problem3);

        Assert.Equal((null, null, null), (problem1, problem2, problem3));
        Assert.Equal(["evt-a"], single!.Select(e => e.Identifier));
        Assert.Equal(["evt-a", "evt-b"], array!.Select(e => e.Identifier));
        Assert.Equal(["evt-a", "evt-b"], lines!.Select(e => e.Identifier));
        Assert.All(single!.Concat(array!).Concat(lines!), e => Assert.Null(e.Malformed));
    }

    [Fact]
    public void Parse_EmptyArray_NoEvents()
    {
        var events = Parse(" [ ] ", out var problem);

        Assert.Null(problem);
        Assert.Empty(events!);
    }

    [Fact]
    public void Parse_Ndjson_OneEventPerNonBlankLine()
    {
        var events = Parse($"{A}\r\n\r\n{B}\n   \n{C}", out var problem);

        Assert.Null(problem);
        Assert.Equal([0L, 1L, 2L], events!.Select(e => e.Line));
        Assert.Equal(["evt-a", "evt-b", "evt-c"], events!.Select(e => e.Identifier));
        Assert.All(events!, e => Assert.Null(e.Malformed));
    }

    [Fact]
    public void Parse_NdjsonWithBadLine_MalformedAtThatIndex()
    {
        var events = Parse($"{A}\n{{\"event_name\":\n{C}\n", out var problem);

        Assert.Null(problem);
        Assert.Equal(3, events!.Count);
        Assert.Null(events[0].Malformed);
        Assert.Equal(1, events[1].Line);
        Assert.Contains("invalid JSON", events[1].Malformed);
        Assert.Equal((2L, "evt-c"), (events[2].Line, events[2].Identifier));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t\n")]
    public void Parse_EmptyBody_Problem(string body)
    {
        var events = Parse(body, out var problem);

        Assert.Null(events);
        Assert.Contains("empty", problem);
    }

    [Theory]
    [InlineData("[" + A + "," + B)]
    [InlineData("[" + A + "," + B + ",]")]
    [InlineData("[" + A + " " + B + "]")]
    [InlineData("[" + A + "] " + B)]
    [InlineData("[" + A + "]]")]
    [InlineData("[{\"event_name\":\"api_call\",")]
    [InlineData("[")]
    public void Parse_BrokenArray_Problem(string body)
    {
        var events = Parse(body, out var problem);

        Assert.Null(events);
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF }, "invalid UTF-8 at byte 66")]
    [InlineData(new byte[] { (byte)'\\', (byte)'u', (byte)'d', (byte)'8', (byte)'0', (byte)'0' }, "lone surrogate escape \\ud800 at byte 66")]
    public void Parse_ArrayElementWithAnIdentifierThatIsNotText_MalformedAtThatIndexAndTheRestRead(byte[] bad, string message)
    {
        byte[] element = [.. "{\"event_name\":\"api_call\",\"timestamp\":1767225602,\"identifier\":\"evt-"u8, .. bad, .. "\",\"payload\":{\"stripe_customer_id\":\"cus_C\"}}"u8];
        byte[] body = [.. Encoding.UTF8.GetBytes($"[{A},"), .. element, .. Encoding.UTF8.GetBytes($",{B}]")];

        var events = Parse(body, out var problem);

        Assert.Null(problem);
        Assert.Equal(3, events!.Count);
        Assert.Equal((1L, message), (events[1].Line, events[1].Malformed));
        Assert.Equal(("evt-a", "evt-b"), (events[0].Identifier, events[2].Identifier));
        Assert.All([events[0], events[2]], e => Assert.Null(e.Malformed));
    }

    [Fact]
    public void Parse_ArrayElementWithALoneSurrogateInANestedPayloadKey_ReaderResumesAfterThatElement()
    {
        var element = """{"event_name":"api_call","timestamp":1767225602,"payload":{"stripe_customer_id":"cus_C","\udfff":{"deep":[1,{"x":"\ud800"}]}},"identifier":"evt-x"}""";

        var events = Parse($"[{A},{element},{B}]", out var problem);

        Assert.Null(problem);
        Assert.Equal(["evt-a", null, "evt-b"], events!.Select(e => e.Identifier));
        Assert.StartsWith("lone surrogate escape \\udfff", events![1].Malformed, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ArrayElementWithInvalidUtf8InAFieldThatIsNotRead_Malformed()
    {
        byte[] body = [.. "[{\"event_name\":\"api_call\",\"note\":\""u8, 0xC3, .. "\",\"timestamp\":1767225602,\"payload\":{\"stripe_customer_id\":\"cus_C\"}}]"u8];

        var e = Assert.Single(Parse(body, out _)!);

        Assert.Equal("invalid UTF-8 at byte 33", e.Malformed); // counted from the element's "{"
    }

    [Fact]
    public void Parse_NdjsonAndSingleObjectThatAreNotText_MalformedEventsNotAFailedRequest()
    {
        byte[] badLine = [.. "{\"event_name\":\"api_"u8, 0xFF, .. "call\",\"timestamp\":1767225602,\"payload\":{\"stripe_customer_id\":\"cus_C\"}}"u8];
        byte[] ndjson = [.. Encoding.UTF8.GetBytes($"{A}\n"), .. badLine, .. Encoding.UTF8.GetBytes($"\n{B}\n")];

        var lines = Parse(ndjson, out var problem1);
        var single = Parse(badLine, out var problem2);

        Assert.Equal((null, null), (problem1, problem2));
        Assert.Equal(["evt-a", null, "evt-b"], lines!.Select(e => e.Identifier));
        Assert.Equal("invalid UTF-8 at byte 19", lines![1].Malformed);
        Assert.Equal("invalid UTF-8 at byte 19", Assert.Single(single!).Malformed);
    }

    [Theory]
    [InlineData("array")]
    [InlineData("ndjson")]
    public void Parse_ExactlyTheLimit_AllEvents(string shape)
    {
        var parsed = RequestEvents.Parse(Body(shape, 50), maxEvents: 50);

        Assert.Equal(50, Assert.IsType<ParsedRequest.Events>(parsed).List.Count);
    }

    [Theory]
    [InlineData("array")]
    [InlineData("ndjson")]
    public void Parse_OneOverTheLimit_TooManyEvents(string shape)
    {
        var parsed = RequestEvents.Parse(Body(shape, 51), maxEvents: 50);

        Assert.Equal(50, Assert.IsType<ParsedRequest.TooManyEvents>(parsed).Limit);
    }

    [Theory]
    [InlineData("[", "0,", "0]")]
    [InlineData("[", "{},", "{}]")]
    [InlineData("", "0\n", "0")]
    public void Parse_TenMegabytesOfTinyElements_StopsAtTheLimitWithoutBuildingTheRest(string open, string element, string last)
    {
        // 10 MB of "0," is 5.2 million elements: building them all (as before) takes gigabytes.
        var body = Encoding.UTF8.GetBytes(open + string.Concat(Enumerable.Repeat(element, (10 * 1024 * 1024 / element.Length) - 1)) + last);
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var parsed = RequestEvents.Parse(body, maxEvents: 10_000);

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.Equal(10_000, Assert.IsType<ParsedRequest.TooManyEvents>(parsed).Limit);
        Assert.True(allocated < 16 * 1024 * 1024, $"{allocated} bytes allocated");
    }

    private static byte[] Body(string shape, int count)
    {
        var events = Enumerable.Range(0, count).Select(i => A.Replace("evt-a", $"evt-{i}", StringComparison.Ordinal));
        return Encoding.UTF8.GetBytes(shape == "array" ? "[" + string.Join(",", events) + "]" : string.Join("\n", events));
    }

    private static IReadOnlyList<RawEvent>? Parse(string body, out string? problem) => Parse(Encoding.UTF8.GetBytes(body), out problem);

    private static IReadOnlyList<RawEvent>? Parse(byte[] body, out string? problem)
    {
        var parsed = RequestEvents.Parse(body, int.MaxValue);
        problem = (parsed as ParsedRequest.Unreadable)?.Problem;
        return (parsed as ParsedRequest.Events)?.List;
    }
}
