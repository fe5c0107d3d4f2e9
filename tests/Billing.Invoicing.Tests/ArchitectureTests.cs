using Billing.Testing;

namespace Billing.Invoicing.Tests;

/// <summary>Billing.Invoicing (docs/architecture.md §4): the application layer works through the domain's ports; no storage, Stripe, Azure, ASP.NET or Functions type.</summary>
public sealed class ArchitectureTests
{
    // The invoice runs are Durable Task orchestrations (Runs/): the class-based tasks and the client
    // that starts them, no Functions type; System.Reactive only settles DurableTask.Core's dependency.
    private static readonly string[] AllowedAssemblies =
        ["System*", "netstandard", "Billing.Domain", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options", "Microsoft.DurableTask.Abstractions", "Microsoft.DurableTask.Client"];
    private static readonly string[] AllowedProjects = ["Billing.Domain"];
    private static readonly string[] AllowedPackages =
    [
        "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options",
        "Microsoft.DurableTask.Abstractions", "Microsoft.DurableTask.Client", "Microsoft.DurableTask.Analyzers", "System.Reactive.Core", "System.Reactive.Compatibility",
    ];

    public static TheoryData<string> ReferencedAssemblies => new(ProjectRoom.ReferencedAssemblies(typeof(Billing.Invoicing.InvoiceRunner).Assembly));

    [Fact]
    public void Project_ReferencesTheDomain_TableIsNotVacuous() =>
        Assert.Contains("Billing.Domain", ProjectRoom.ReferencedAssemblies(typeof(Billing.Invoicing.InvoiceRunner).Assembly));

    [Theory]
    [MemberData(nameof(ReferencedAssemblies))]
    public void ReferencedAssembly_IsAllowed(string name) =>
        Assert.True(ProjectRoom.IsAllowed(name, AllowedAssemblies), $"Billing.Invoicing references {name}, which its room does not allow (docs/architecture.md §4).");

    [Fact]
    public void ProjectReferences_AreAllowed() =>
        Assert.All(ProjectRoom.Items("Billing.Invoicing", "ProjectReference"), p => Assert.Contains(p, AllowedProjects));

    [Fact]
    public void PackageReferences_AreAllowed() =>
        Assert.All(ProjectRoom.Items("Billing.Invoicing", "PackageReference"), p => Assert.Contains(p, AllowedPackages));
}
