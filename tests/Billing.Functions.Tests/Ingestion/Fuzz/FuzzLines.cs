using System.Globalization;
using System.Text;
using System.Text.Json;
using Billing.Testing;

namespace Billing.Functions.Tests.Ingestion.Fuzz;

/// <summary>
/// A seeded generator of meter-event lines, good, broken and randomly damaged, each with the
/// outcome ingestion must give it. Every event it makes has its own identifier and timestamp (one
/// per 7 s from the catalog's anchor, all inside January 2026), so good events never collide.
/// </summary>
internal sealed class FuzzLines(Random random)
{
    /// <summary>The meter of wild lines only: the aggregates compared with the ground truth leave it out.</summary>
    public const string WildMeter = "storage_gb";

    /// <summary>The meter id of <see cref="WildMeter"/>, as aggregates name it.</summary>
    public const string WildMeterId = "storage_gb";

    private static readonly string[] Customers = ["cus_A", "cus_B", "cus_C"];
    private static readonly string[] Meters = ["compute_seconds", "api_call", "active_user", "temperature", "adjustment"];
    private static readonly string[] ValueMeters = ["compute_seconds", "temperature", "adjustment"];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80],
        [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xF0, 0x9F, 0x98],
    ];

    private static readonly string[] NoiseFields =
    [
        "\"\":1",
        "\"" + new string('k', 2000) + "\":\"long key\"",
        "\"ключ\":\"значение ✓\"",
        "\"\\u00e9\\ud83d\\ude00\":true",
        "\"nested\":{\"a\":[1,[2,[3,{\"b\":null}]]],\"c\":{}}",
        "\"big\":1e400",
        "\"digits\":" + new string('9', 400),
        "\"deep\":" + new string('[', 30) + new string(']', 30),
        "\"tab\\tand\\nnewline\":\"\\\"quoted\\\" \\\\ \\/\"",
        "\"zero\":-0.0E+0",
    ];

    private static readonly string[] OddEventNames =
    [
        "\"\"",
        "\"" + new string('x', 5000) + "\"",
        "\"API_CALL\"",
        "\"compute_seconds \"",
        "\"\\u0000api_call\"",
        "\"api_call\\u00e9\"",
        "\"storage gb\"",
        "\"\\ud83d\\ude00\"",
    ];

    private static readonly string[] NonObjects = ["42", "\"evt\"", "null", "true", "[1,2]", "[]", "-1e400"];

    private int next;

    /// <summary>Events made so far (good, bad and wild alike): the next one's number.</summary>
    public int Count => next;

    /// <summary>A JSON line (or array element) for <paramref name="context"/>.</summary>
    public FuzzItem Json(FuzzContext context)
    {
        var roll = random.Next(100);
        if (roll < 25)
        {
            return GoodJson(noisy: false);
        }

        if (roll < 45)
        {
            return GoodJson(noisy: true);
        }

        if (roll < 90 || context is FuzzContext.ArrayElement or FuzzContext.RequestStart)
        {
            return BadJson(context);
        }

        return WildJson(context);
    }

    /// <summary>A CSV row under <see cref="TestEvent.CsvColumns"/>.</summary>
    public FuzzItem Csv()
    {
        var roll = random.Next(100);
        if (roll < 40)
        {
            var good = NewEvent("g");
            return new FuzzItem(Utf8(good.ToCsv()), FuzzKind.Good, "plain", Event: good);
        }

        if (roll < 90)
        {
            return BadCsv();
        }

        var wild = NewEvent("w", WildMeter);
        return new FuzzItem(Damage(Utf8(wild.ToCsv())), FuzzKind.Wild, "byte damage");
    }

    /// <summary>A line far over the 1 MB line limit (malformed, and the next line is read as usual).</summary>
    public FuzzItem Overlong()
    {
        var e = NewEvent("b");
        var line = Render(e, noisy: false, extra: ["\"pad\":\"" + new string('x', (1024 * 1024) + 100) + "\""]);
        return new FuzzItem(Utf8(line), FuzzKind.Bad, "line over 1 MB", "malformed");
    }

    private FuzzItem GoodJson(bool noisy)
    {
        var e = NewEvent("g");
        return new FuzzItem(Utf8(Render(e, noisy)), FuzzKind.Good, noisy ? "odd but valid" : "plain", Event: e);
    }

    private FuzzItem WildJson(FuzzContext context)
    {
        while (true)
        {
            var e = NewEvent("w", WildMeter);
            var bytes = Damage(Utf8(Render(e, noisy: random.Next(2) == 0)));
            if (context != FuzzContext.RequestStart || bytes.AsSpan().TrimStart(" \t\r"u8) is not [(byte)'[', ..])
            {
                return new FuzzItem(bytes, FuzzKind.Wild, "byte damage");
            }
        }
    }

    private FuzzItem BadJson(FuzzContext context)
    {
        var array = context == FuzzContext.ArrayElement;
        var start = context == FuzzContext.RequestStart;
        while (true)
        {
            var e = NewEvent("b");
            var plain = Render(e, noisy: false);
            switch (random.Next(17))
            {
                case 0 when !array:
                    return Bad(Insert(Utf8(plain), random.Next(plain.Length + 1), Pick(InvalidUtf8)), "invalid UTF-8", "malformed");
                case 1:
                    // Inside a string, so that an array body still splits into elements.
                    var at = plain.IndexOf($"\"{e.Identifier}", StringComparison.Ordinal) + 1 + random.Next(e.Identifier!.Length + 1);
                    return Bad(Insert(Utf8(plain), at, Pick(InvalidUtf8)), "invalid UTF-8 in a string", "malformed");
                case 2:
                    return LoneSurrogate(e);
                case 3 when !array:
                    return Bad(Utf8(plain[..random.Next(1, plain.Length)]), "cut mid-token", "malformed");
                case 4:
                    var digits = (random.Next(2) == 0 ? "1" : "-9") + RandomDigits(399);
                    return Bad(Utf8(Render(e, noisy: false, timestampJson: random.Next(2) == 0 ? digits : $"\"{digits}\"")), "400-digit timestamp", "malformed");
                case 5:
                    var meter = Pick(ValueMeters);
                    var valued = NewEvent("b", meter);
                    var huge = Pick(new[] { "1e400", "-1e400", "\"1e400\"", "9" + RandomDigits(399), "\"" + RandomDigits(400) + "\"", "1" + RandomDigits(30) + ".5" });
                    return Bad(Utf8(Render(valued, noisy: false, valueJson: huge)), "huge value", "invalid_value");
                case 6 when !array:
                    var deep = random.Next(3) switch
                    {
                        0 when !start => new string('[', 10_000),
                        1 => Render(e, noisy: false, payloadJson: new string('[', 10_000)),
                        _ => Render(e, noisy: false, extra: ["\"deep\":" + new string('[', 100) + new string(']', 100)]),
                    };
                    return Bad(Utf8(deep), "deep nesting", "malformed");
                case 7:
                    return Bad(Utf8(Render(e, noisy: random.Next(2) == 0, eventNameJson: Pick(OddEventNames))), "odd event name", "unknown_event_name");
                case 8 when !array:
                    var control = (byte)Pick(Enumerable.Range(0, 32).Where(b => b is not (9 or 10 or 13)).ToArray());
                    return Bad(Insert(Utf8(plain), random.Next(plain.Length + 1), [control]), "control character", "malformed");
                case 9 when !array && !start:
                    return Bad([0xEF, 0xBB, 0xBF, .. Utf8(plain)], "byte order mark inside the file", "malformed");
                case 10 when !array:
                    byte replacement;
                    do
                    {
                        replacement = (byte)random.Next(256);
                    }
                    while (replacement is (byte)'}' or (byte)'\n');

                    var bytes = Utf8(plain);
                    bytes[^1] = replacement;
                    return Bad(bytes, "last brace replaced", "malformed");
                case 11:
                    var id = new string('i', random.Next(101, 3000));
                    return Bad(Utf8(Render(e with { Identifier = id }, noisy: random.Next(2) == 0)), "identifier too long", "identifier_too_long");
                case 12:
                    return Bad(Utf8(Render(e, noisy: random.Next(2) == 0, omitPayload: true)), "no payload", "malformed");
                case 13:
                    var value = Pick(NonObjects);
                    if (start && value.StartsWith('['))
                    {
                        continue;
                    }

                    return Bad(Utf8(value), "not an object", "malformed");
                case 14:
                    return Bad(Utf8(Render(e, noisy: false, extra: ["\"payload\":{\"stripe_customer_id\":{\"nested\":1}}"], omitPayload: true)), "payload value not a scalar", "malformed");
                case 15:
                    // In a field that is not read: its strings are not decoded, so checked apart.
                    var unread = Pick(new[] { "\"note\":\"caf~\"", "\"~\":1", "\"list\":[1,{\"k\":[\"~\"]}]" });
                    return Bad(Spliced(Render(e, noisy: random.Next(2) == 0, extra: [unread]), Pick(InvalidUtf8)), "invalid UTF-8 in a field that is not read", "malformed");
                case 16:
                    // A damaged key is not the identifier: without the check it would be dropped unnoticed.
                    var damagedKey = $"\"identi~fier\":\"{e.Identifier}\"";
                    return Bad(Spliced(Render(e with { Identifier = null }, noisy: false, extra: [damagedKey]), Pick(InvalidUtf8)), "invalid UTF-8 in the identifier's key", "malformed");
                default:
                    continue;
            }
        }
    }

    private FuzzItem LoneSurrogate(TestEvent e)
    {
        var escape = Pick(new[] { "\\ud800", "\\udbff", "\\udc00", "\\udfff", "\\ud83d" });
        var line = random.Next(4) switch
        {
            0 => Render(e, noisy: false, identifierJson: $"\"{e.Identifier}{escape}\""),
            1 => Render(e, noisy: false, eventNameJson: $"\"{e.EventName}{escape}\""),
            2 => Render(e, noisy: false, payloadExtra: $"\"{escape}key\":\"v\""),
            _ => Render(e, noisy: false, payloadExtra: $"\"note\":\"{escape}\""),
        };
        return Bad(Utf8(line), "lone surrogate escape", "malformed");
    }

    private FuzzItem BadCsv()
    {
        while (true)
        {
            var e = NewEvent("b");
            var row = e.ToCsv();
            switch (random.Next(7))
            {
                case 0:
                    return Bad(Insert(Utf8(row), random.Next(row.Length + 1), Pick(InvalidUtf8)), "invalid UTF-8", "malformed");
                case 1:
                    return Bad(Utf8(row + ",\"extra\""), "one field too many", "malformed");
                case 2:
                    return Bad(Utf8(row[..row.LastIndexOf(',')]), "one field too few", "malformed");
                case 3:
                    // Cut just inside a quoted cell: the quote never closes.
                    var open = row.IndexOf($"\"{e.Identifier}", StringComparison.Ordinal);
                    return Bad(Utf8(row[..(open + 1 + random.Next(e.Identifier!.Length))]), "unterminated quote", "malformed");
                case 4:
                    var valued = NewEvent("b", Pick(ValueMeters));
                    var key = valued.EventName == "adjustment" ? "amount" : "value";
                    var huge = valued with { Payload = [.. valued.Payload.Where(p => p.Key != key), (key, "9" + RandomDigits(399))] };
                    return Bad(Utf8(huge.ToCsv()), "huge value", "invalid_value");
                case 5:
                    var name = Pick(new[] { "API_CALL", "compute_seconds ", new string('x', 3000), "storage gb", "api_call\u00e9" });
                    return Bad(Utf8((e with { EventName = name }).ToCsv()), "odd event name", "unknown_event_name");
                default:
                    return Bad(Utf8((e with { Identifier = new string('i', random.Next(101, 2000)) }).ToCsv()), "identifier too long", "identifier_too_long");
            }
        }
    }

    private TestEvent NewEvent(string prefix, string? meter = null)
    {
        var k = next++;
        var at = TestCatalogs.Anchor.AddSeconds((k * 7L) + 1);
        var customer = Pick(Customers);
        var id = $"{prefix}-{k}";
        return (meter ?? Pick(Meters)) switch
        {
            "compute_seconds" => TestEvent.Compute(customer, id, at, Invariant(random.Next(0, 100_000) / 8m)),
            "api_call" => TestEvent.ApiCall(customer, id, at),
            "active_user" => new TestEvent("active_user", at, id, ("stripe_customer_id", customer), ("user_id", $"u{random.Next(60)}")),
            "temperature" => new TestEvent("temperature", at, id, ("stripe_customer_id", customer), ("value", Invariant(random.Next(-400, 400) / 4m))),
            "adjustment" => new TestEvent("adjustment", at, id, ("customer", customer), ("amount", Invariant(random.Next(-1000, 1000) / 2m))),
            _ => new TestEvent(WildMeter, at, id, ("stripe_customer_id", customer), ("value", Invariant(random.Next(0, 500)))),
        };
    }

    /// <summary>
    /// The event as one JSON line. Noisy: fields in any order, spaces, the timestamp as digits or
    /// RFC 3339 text (in UTC or at +02:00), an escaped identifier, numbers unquoted, unknown fields
    /// with odd names and values — all meaning the same event.
    /// </summary>
    private string Render(
        TestEvent e,
        bool noisy,
        string? eventNameJson = null,
        string? timestampJson = null,
        string? identifierJson = null,
        string? valueJson = null,
        string? payloadJson = null,
        string? payloadExtra = null,
        bool omitPayload = false,
        IEnumerable<string>? extra = null)
    {
        var fields = new List<string>
        {
            $"\"event_name\":{eventNameJson ?? Quote(e.EventName)}",
            $"\"timestamp\":{timestampJson ?? Timestamp(e.At, noisy)}",
        };
        if (identifierJson is not null || e.Identifier is not null)
        {
            fields.Add($"\"identifier\":{identifierJson ?? Identifier(e.Identifier!, noisy)}");
        }

        if (!omitPayload)
        {
            fields.Add($"\"payload\":{payloadJson ?? Payload(e, noisy, valueJson, payloadExtra)}");
        }

        fields.AddRange(extra ?? []);
        if (noisy)
        {
            fields.AddRange(Enumerable.Range(0, random.Next(1, 3)).Select(_ => Pick(NoiseFields)));
            var order = fields.ToArray();
            random.Shuffle(order);
            return "{ " + string.Join(Pick(new[] { ",", " , ", ",\t" }), order) + " }";
        }

        return "{" + string.Join(",", fields) + "}";
    }

    private string Payload(TestEvent e, bool noisy, string? valueJson, string? payloadExtra)
    {
        var entries = new List<string>();
        foreach (var (key, value) in e.Payload)
        {
            var isValue = key is "value" or "amount";
            var json = isValue && valueJson is not null ? valueJson
                : isValue && noisy && random.Next(2) == 0 ? value
                : Quote(value);
            entries.Add($"{Quote(key)}:{json}");
        }

        if (payloadExtra is not null)
        {
            entries.Add(payloadExtra);
        }

        if (noisy && random.Next(3) == 0)
        {
            entries.Add(random.Next(2) == 0 ? "\"note\":\"free text ✓\"" : "\"count\":12345678901234567890");
        }

        return "{" + string.Join(",", entries) + "}";
    }

    private string Timestamp(DateTimeOffset at, bool noisy)
    {
        var seconds = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return !noisy ? seconds : random.Next(4) switch
        {
            0 => seconds,
            1 => $"\"{seconds}\"",
            2 => $"\"{at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\"",
            _ => $"\"{at.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)}\"",
        };
    }

    private string Identifier(string identifier, bool noisy) =>
        noisy && random.Next(2) == 0 ? $"\"\\u{(int)identifier[0]:x4}{identifier[1..]}\"" : Quote(identifier);

    private byte[] Damage(byte[] bytes)
    {
        var damaged = bytes.ToList();
        for (var ops = random.Next(1, 4); ops > 0; ops--)
        {
            var at = random.Next(damaged.Count);
            switch (random.Next(3))
            {
                case 0:
                    damaged[at] = RandomByteButNewline();
                    break;
                case 1:
                    damaged.Insert(at, RandomByteButNewline());
                    break;
                default:
                    damaged.RemoveAt(at);
                    break;
            }
        }

        return [.. damaged];
    }

    private byte RandomByteButNewline()
    {
        byte b;
        do
        {
            b = (byte)random.Next(256);
        }
        while (b == (byte)'\n');

        return b;
    }

    private string RandomDigits(int count) => string.Create(count, random, (span, r) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)('0' + r.Next(10));
        }
    });

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static FuzzItem Bad(byte[] bytes, string mutation, string reason) => new(bytes, FuzzKind.Bad, mutation, reason);

    private static byte[] Insert(byte[] bytes, int at, byte[] inserted) => [.. bytes[..at], .. inserted, .. bytes[at..]];

    /// <summary>The line with <paramref name="inserted"/> in place of its one <c>~</c>.</summary>
    private static byte[] Spliced(string line, byte[] inserted)
    {
        var bytes = Utf8(line);
        var at = Array.IndexOf(bytes, (byte)'~');
        return [.. bytes[..at], .. inserted, .. bytes[(at + 1)..]];
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
