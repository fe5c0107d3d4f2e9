namespace Billing.Cli.Tests;

/// <summary>docs/architecture.md §4: the CLI uses the app over HTTP, never its assemblies.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void Cli_References_NeitherTheAppNorItsStorageOrIngestion()
    {
        var references = typeof(BillingCli).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("System.CommandLine", references);
        Assert.DoesNotContain("Billing.Functions", references);
        Assert.DoesNotContain("Billing.Storage", references);
        Assert.DoesNotContain("Billing.Ingestion", references);
        Assert.DoesNotContain("Billing.Stripe", references); // it hosts the emulator for `up`, and never calls Stripe itself
    }

    [Fact]
    public void Cli_AssemblyName_IsTheCommandName() => Assert.Equal("billing", typeof(BillingCli).Assembly.GetName().Name);
}
