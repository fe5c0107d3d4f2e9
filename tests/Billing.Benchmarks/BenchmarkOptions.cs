using System.Globalization;

namespace Billing.Benchmarks;

/// <summary>Command-line options; every one has a default so the plain command runs the documented workload.</summary>
internal sealed record BenchmarkOptions
{
    public long Events { get; init; } = 2_000_000;
    public int Customers { get; init; } = 1_000;
    public int Files { get; init; } = 8;
    /// <summary>Files ingested at once; by default what the blob trigger allows (host.json <c>extensions.blobs.maxDegreeOfParallelism</c>).</summary>
    public int FileParallelism { get; init; } = HostJson.BlobParallelism();
    public double DuplicateRate { get; init; } = 0.05;
    public double InvalidRate { get; init; } = 0.005;
    public long HttpEvents { get; init; } = 400_000;
    public int HttpBatch { get; init; } = 1_000;
    public int HttpClients { get; init; } = 8;

    /// <summary>When set, ingest one uncompressed file of about this many bytes instead (memory check).</summary>
    public long OneFileBytes { get; init; }

    /// <summary>When set, this many events for one subscription-period, files and HTTP together, then a restart and a tenth as many more.</summary>
    public long OneSubscriptionEvents { get; init; }

    /// <summary>Run the invoicing benchmark (<c>invoicing</c> or <c>--invoicing</c>) instead of the usage benchmark.</summary>
    public bool Invoicing { get; init; }

    /// <summary>Invoicing: customers, one monthly subscription each.</summary>
    public int Subscriptions { get; init; } = 10_000;

    /// <summary>Invoicing: invoice-runs messages handled at once; by default the queue trigger's batch (host.json <c>extensions.queues.batchSize</c>).</summary>
    public int Workers { get; init; } = HostJson.QueueBatchSize();

    /// <summary>
    /// Invoicing: orchestrations in flight at most; a worker that would start one more waits for one
    /// to complete. Zero: no bound, every request's run starts as soon as it is handled.
    /// </summary>
    public int RunsInFlight { get; init; } = 64;

    /// <summary>Invoicing: the app's client-side Stripe limit (<c>Stripe:RequestsPerSecond</c>), high so that the emulator is not throttled.</summary>
    public double StripeRequestsPerSecond { get; init; } = 100_000;

    /// <summary>Alert rules and spend caps active during ingestion, with CheckThreshold and DeliverWebhook running beside it (<see cref="SpendRules"/>); 0: none.</summary>
    public int SpendRules { get; init; }

    /// <summary>
    /// With <see cref="SpendRules"/>: subscriptions whose rule and cap are set to be crossed by the
    /// HTTP phase, spread evenly over those it touches (at most all of them).
    /// </summary>
    public int Crossing { get; init; } = 100;

    /// <summary>CheckThreshold and DeliverWebhook run beside ingestion, as in the app, with or without rules (<c>--spend-rules</c> implies it).</summary>
    public bool Functions { get; init; }

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--events" => options with { Events = long.Parse(Value(), CultureInfo.InvariantCulture) },
                "--customers" => options with { Customers = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--files" => options with { Files = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--file-parallelism" => options with { FileParallelism = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--duplicate-rate" => options with { DuplicateRate = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--invalid-rate" => options with { InvalidRate = double.Parse(Value(), CultureInfo.InvariantCulture) },
                "--http-events" => options with { HttpEvents = long.Parse(Value(), CultureInfo.InvariantCulture) },
                "--http-batch" => options with { HttpBatch = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--http-clients" => options with { HttpClients = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--spend-rules" => options with { SpendRules = Positive(int.Parse(Value(), CultureInfo.InvariantCulture), "--spend-rules"), Functions = true },
                "--functions" => options with { Functions = true },
                "--crossing" => options with { Crossing = int.Parse(Value(), CultureInfo.InvariantCulture) is var c && c >= 0 ? c : throw new ArgumentException("--crossing must not be negative.") },
                "invoicing" or "--invoicing" => options with { Invoicing = true },
                "--subscriptions" => options with { Subscriptions = Positive(int.Parse(Value(), CultureInfo.InvariantCulture), "--subscriptions") },
                "--workers" => options with { Workers = Positive(int.Parse(Value(), CultureInfo.InvariantCulture), "--workers") },
                "--runs-in-flight" => options with { RunsInFlight = int.Parse(Value(), CultureInfo.InvariantCulture) is var n && n >= 0 ? n : throw new ArgumentException("--runs-in-flight must not be negative.") },
                "--stripe-rps" => options with { StripeRequestsPerSecond = Positive(double.Parse(Value(), CultureInfo.InvariantCulture), "--stripe-rps") },
                "--one-subscription-events" => options with { OneSubscriptionEvents = Positive(long.Parse(Value(), CultureInfo.InvariantCulture), "--one-subscription-events") },
                "--one-file-gb" => options with { OneFileBytes = (long)(double.Parse(Value(), CultureInfo.InvariantCulture) * 1024 * 1024 * 1024) },
                "--help" or "-h" => throw new HelpRequested(),
                _ => throw new ArgumentException($"Unknown option {args[i]}; see --help."),
            };
        }

        return options;
    }

    private static T Positive<T>(T value, string option)
        where T : System.Numerics.INumber<T> =>
        value > T.Zero ? value : throw new ArgumentException($"{option} must be positive.");

    public const string Help = """
        Usage benchmark: generates a workload into Azurite, ingests it through the blob function's
        handler, and prints one JSON object with throughput, memory and ground-truth checks.

          --events N            events in the blob workload (2000000)
          --customers N         customers, one subscription each (1000)
          --files N             gzip JSONL files the events are split into (8)
          --file-parallelism N  files ingested at once (host.json's blob maxDegreeOfParallelism)
          --duplicate-rate R    share of lines repeating an earlier identifier (0.05)
          --invalid-rate R      share of invalid lines (0.005)
          --http-events N       events sent to POST /api/meter_events, 0 to skip (400000)
          --http-batch N        events per request (1000)
          --http-clients N      concurrent clients over loopback (8)
          --spend-rules N       N subscriptions get a spend alert rule and a spend cap, and the
                                CheckThreshold and DeliverWebhook functions run beside ingestion;
                                rules and caps are out of reach during the blob phase; then
                                --crossing of them are set just above their amounts, so the HTTP
                                phase crosses them; reports event → delivered latency (median,
                                p99) and what fired
          --crossing N          with --spend-rules: subscriptions that cross their rule and cap
                                in the HTTP phase (100), spread over those it touches
          --functions           CheckThreshold and DeliverWebhook run beside ingestion with no
                                rule or cap: the baseline --spend-rules is compared with
          --one-file-gb G       instead: one uncompressed JSONL file of G GiB (memory check)
          --one-subscription-events N
                                instead: N events for one subscription-period (80% in files, 20%
                                over HTTP, at once, into one app instance), then a restart (a new
                                app instance, cold caches) and N/10 more; every count and aggregate
                                checked, peak working set under 512 MB; exits 1 when a check fails

        App settings (e.g. Ingestion__ChunkEvents, UsageStore__CommitParallelism) are read
        from the environment, as the app reads them.

        Invoicing benchmark (invoicing, or --invoicing): N monthly subscriptions whose first period
        has ended, their usage committed; times ClosePeriods and the InvoiceRun function draining
        the invoice-runs queue against the in-process Stripe emulator, then checks every invoice
        (ours and Stripe's) against the expected lines. Exits 1 when a check fails.

          --subscriptions N     customers, one subscription each (10000)
          --workers N           invoice-runs messages handled at once (host.json's queue batchSize)
          --runs-in-flight N    orchestrations in flight at most; 0: none held back (64)
          --stripe-rps R        the app's Stripe:RequestsPerSecond (100000: the emulator unthrottled)
        """;

    public sealed class HelpRequested : Exception;
}
