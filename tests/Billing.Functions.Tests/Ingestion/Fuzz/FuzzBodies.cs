using System.Net;
using System.Text;
using System.Text.Json;

namespace Billing.Functions.Tests.Ingestion.Fuzz;

/// <summary>Generates meter-events request bodies: arrays, NDJSON and single objects, good, damaged and oversized.</summary>
internal sealed class FuzzBodies(FuzzLines lines, Random random)
{
    public FuzzBody Next()
    {
        var roll = random.Next(100);
        return roll switch
        {
            < 40 => Array(),
            < 50 => BrokenArray(),
            < 80 => Ndjson(),
            _ => Single(),
        };
    }

    /// <summary>Bodies refused as a whole: over the event limit (413) or empty (400).</summary>
    public IEnumerable<FuzzBody> Refused()
    {
        var tiny = Enumerable.Repeat("{}", 10_001).ToArray();
        yield return new FuzzBody("10,001 elements", Encoding.UTF8.GetBytes("[" + string.Join(",", tiny) + "]"), HttpStatusCode.RequestEntityTooLarge, []);
        yield return new FuzzBody("10,001 lines", Encoding.UTF8.GetBytes(string.Join("\n", tiny)), HttpStatusCode.RequestEntityTooLarge, []);
        yield return new FuzzBody("empty", [], HttpStatusCode.BadRequest, []);
        yield return new FuzzBody("blank", Encoding.UTF8.GetBytes(" \r\n\t "), HttpStatusCode.BadRequest, []);
        yield return new FuzzBody("byte order mark only", [0xEF, 0xBB, 0xBF], HttpStatusCode.BadRequest, []);
    }

    private FuzzBody Array()
    {
        var items = Enumerable.Range(0, random.Next(1, 13)).Select(_ => lines.Json(FuzzContext.ArrayElement)).ToArray();
        return new FuzzBody("array", Join(items), HttpStatusCode.OK, items);
    }

    private FuzzBody BrokenArray()
    {
        var items = Enumerable.Range(0, random.Next(1, 8)).Select(_ => lines.Json(FuzzContext.ArrayElement)).ToArray();
        var body = Join(items);
        var open = body.AsSpan().IndexOf((byte)'[') + 1; // after a byte order mark, if any
        byte[] broken = random.Next(4) switch
        {
            0 => body[..random.Next(open, body.Length)],
            1 => [.. body[..open], (byte)random.Next(1, 9), .. body[open..]],
            2 => [.. body[..open], 0xFF, .. body[open..]],
            _ => [.. body[..^1], .. ","u8, .. Encoding.ASCII.GetBytes(new string('[', random.Next(70, 10_000))), (byte)']'],
        };
        return new FuzzBody("broken array", broken, HttpStatusCode.BadRequest, items);
    }

    private FuzzBody Ndjson()
    {
        var items = Enumerable.Range(0, random.Next(2, 11))
            .Select(i => lines.Json(i == 0 ? FuzzContext.RequestStart : FuzzContext.RequestLine))
            .ToArray();
        var body = new MemoryStream();
        if (random.Next(10) == 0)
        {
            body.Write([0xEF, 0xBB, 0xBF]);
        }

        foreach (var item in items)
        {
            if (random.Next(10) == 0)
            {
                body.Write("  \n"u8);
            }

            body.Write(item.Bytes);
            body.Write(random.Next(4) == 0 ? "\r\n"u8 : "\n"u8);
        }

        return new FuzzBody("ndjson", body.ToArray(), HttpStatusCode.OK, items);
    }

    private FuzzBody Single()
    {
        var item = lines.Json(FuzzContext.RequestStart);
        var bytes = item.Bytes;
        if (item.Kind == FuzzKind.Good && random.Next(3) == 0)
        {
            // Pretty-printed over many lines, still one event.
            bytes = JsonSerializer.SerializeToUtf8Bytes(JsonDocument.Parse(bytes).RootElement, new JsonSerializerOptions { WriteIndented = true });
        }

        return new FuzzBody("single", bytes, HttpStatusCode.OK, [item with { Bytes = bytes }]);
    }

    private byte[] Join(IReadOnlyList<FuzzItem> items)
    {
        var body = new MemoryStream();
        if (random.Next(10) == 0)
        {
            body.Write([0xEF, 0xBB, 0xBF]);
        }

        body.Write("["u8);
        for (var i = 0; i < items.Count; i++)
        {
            body.Write(i == 0 ? ""u8 : random.Next(2) == 0 ? ","u8 : ",\n  "u8);
            body.Write(items[i].Bytes);
        }

        body.Write("]"u8);
        return body.ToArray();
    }
}
