using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Billing.Benchmarks;

/// <summary>
/// A deterministic usage workload and its ground truth. Valid event k is a pure function of k
/// (customer, meter, value, timestamp), so a duplicate of event k is regenerated rather than
/// remembered and the generator needs no memory per event.
/// </summary>
internal sealed class Workload
{
    public static readonly string[] EventNames = ["compute_seconds", "api_call", "storage_gb"];

    private readonly int customers;
    private readonly double duplicateRate;
    private readonly double invalidRate;
    private readonly DateTimeOffset now;
    private readonly Random random;
    private long valid;

    public Workload(int customers, double duplicateRate, double invalidRate, DateTimeOffset now, int seed = 42)
    {
        this.customers = customers;
        this.duplicateRate = duplicateRate;
        this.invalidRate = invalidRate;
        this.now = now;
        random = new Random(seed);
        MaxStorage = new decimal[customers];
    }

    public long Accepted => valid;

    public long Duplicates { get; private set; }

    public long Rejected { get; private set; }

    public decimal ComputeSum { get; private set; }

    public long ApiCalls { get; private set; }

    /// <summary>Per customer, the max of storage_gb.</summary>
    public decimal[] MaxStorage { get; }

    public static string Customer(int index) => $"cus_{index:D5}";

    /// <summary>The counts generated so far, to tell one phase's truth from the next.</summary>
    public WorkloadTruth Snapshot() => new(Accepted, Duplicates, Rejected);

    /// <summary>
    /// Writes lines of gzip (or plain) JSON Lines to <paramref name="output"/>: <paramref name="events"/>
    /// of them, or as many as reach <paramref name="minBytes"/> of uncompressed text.
    /// </summary>
    public void Write(Stream output, long events, bool gzip, long minBytes = 0)
    {
        using var compressed = gzip ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true) : null;
        using var writer = new StreamWriter((Stream?)compressed ?? output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        long bytes = 0;
        for (long i = 0; i < events || bytes < minBytes; i++)
        {
            var line = NextLine();
            writer.Write(line);
            writer.Write('\n');
            bytes += line.Length + 1; // ASCII: one byte per character
        }
    }

    public string NextLine()
    {
        var roll = random.NextDouble();
        if (roll < invalidRate)
        {
            Rejected++;
            return Invalid(random.Next(4));
        }

        if (roll < invalidRate + duplicateRate && valid > 0)
        {
            Duplicates++;
            // A repeat of an earlier event. Files are ingested in parallel, so the repeat may arrive
            // first and win; with the same value either order yields the same truth.
            return Line(random.NextInt64(valid));
        }

        var k = valid++;
        var (customer, meter, value, _) = Shape(k);
        switch (meter)
        {
            case 0: ComputeSum += value; break;
            case 1: ApiCalls++; break;
            default: MaxStorage[customer] = Math.Max(MaxStorage[customer], value); break;
        }

        return Line(k);
    }

    private (int Customer, int Meter, decimal Value, long Timestamp) Shape(long k)
    {
        var h = Mix((ulong)k);
        var customer = (int)(h % (ulong)customers);
        var meter = (int)((h >> 20) % 3);
        var value = ((h >> 32) % 10_000) / 10m;
        var timestamp = now.ToUnixTimeSeconds() - (long)((h >> 40) % 86_400);
        return (customer, meter, value, timestamp);
    }

    private string Line(long k)
    {
        var (customer, meter, value, timestamp) = Shape(k);
        var valueText = value.ToString(CultureInfo.InvariantCulture);
        return meter == 1
            ? $$$"""{"event_name":"api_call","timestamp":{{{timestamp}}},"identifier":"evt-{{{k}}}","payload":{"stripe_customer_id":"{{{Customer(customer)}}}"}}"""
            : $$$"""{"event_name":"{{{EventNames[meter]}}}","timestamp":{{{timestamp}}},"identifier":"evt-{{{k}}}","payload":{"stripe_customer_id":"{{{Customer(customer)}}}","value":"{{{valueText}}}"}}""";
    }

    private string Invalid(int kind)
    {
        var id = $"bad-{Rejected}";
        var customer = Customer(random.Next(customers));
        var ts = now.ToUnixTimeSeconds();
        return kind switch
        {
            0 => $$$"""{"event_name":"compute_seconds","timestamp":{{{ts}}},"identifier":"{{{id}}}","payload":{"stripe_customer_id":"{{{customer}}}","value":"-5"}}""",
            1 => $$$"""{"event_name":"no_such_meter","timestamp":{{{ts}}},"identifier":"{{{id}}}","payload":{"stripe_customer_id":"{{{customer}}}","value":"1"}}""",
            2 => $$$"""{"event_name":"compute_seconds","timestamp":{{{ts}}},"identifier":"{{{id}}}","payload":{"value":"1"}}""",
            _ => $$$"""{"event_name":"compute_seconds","timestamp":{{{ts}}},"identifier":"{{{id}}}","payload":{"stripe_customer_id":""",
        };
    }

    private static ulong Mix(ulong x)
    {
        // SplitMix64: a fixed, well-spread function of k.
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
