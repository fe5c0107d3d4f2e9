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

    private static IReadOnlyList<RawEvent>? Parse(string body, out string? problem) =>
        RequestEvents.Parse(Encoding.UTF8.GetBytes(body), out problem);
}
