using Billing.Benchmarks;

try
{
    var options = BenchmarkOptions.Parse(args);
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
