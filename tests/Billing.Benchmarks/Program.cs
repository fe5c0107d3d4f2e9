using Billing.Benchmarks;

try
{
    var options = BenchmarkOptions.Parse(args);
    if (options.Invoicing)
    {
        // The Stripe emulator runs in this process and keeps every invoice, event and saved
        // idempotent response (tens of KB an invoice): the heap limit meant for ingestion would not
        // hold 10,000 subscriptions' worth, so this mode raises it before anything is allocated.
        AppContext.SetData("GCHeapHardLimit", InvoicingBenchmark.HeapHardLimitBytes);
        GC.RefreshMemoryLimit();
        var (invoicing, allChecked) = await new InvoicingBenchmark(options).RunAsync(CancellationToken.None);
        Console.WriteLine(invoicing);
        return allChecked ? 0 : 1;
    }

    if (options.OneSubscriptionEvents > 0)
    {
        var (one, checkedAll) = await new OneSubscriptionBenchmark(options).RunAsync(CancellationToken.None);
        Console.WriteLine(one);
        return checkedAll ? 0 : 1;
    }

    var report = await new UsageBenchmark(options).RunAsync(CancellationToken.None);
    Console.WriteLine(report);
    return 0;
}
catch (BenchmarkOptions.HelpRequested)
{
    Console.WriteLine(BenchmarkOptions.Help);
    return 0;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
