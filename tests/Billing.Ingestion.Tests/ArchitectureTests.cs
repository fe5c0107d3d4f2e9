using Billing.Testing;

namespace Billing.Ingestion.Tests;

/// <summary>Billing.Ingestion (docs/architecture.md §4): the domain only, through its ports; no storage, Azure or Stripe.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] AllowedAssemblies = ["System*", "netstandard", "Billing.Domain", "Microsoft.Extensions.Logging.Abstractions"];
    private static readonly string[] AllowedProjects = ["Billing.Domain"];
    private static readonly string[] AllowedPackages = ["System.IO.Hashing", "Microsoft.Extensions.Logging.Abstractions"];

    public static TheoryData<string> ReferencedAssemblies => new(ProjectRoom.ReferencedAssemblies(typeof(Billing.Ingestion.UsageIngestor).Assembly));

    [Fact]
    public void Project_ReferencesTheDomain_TableIsNotVacuous() =>
        Assert.Contains("Billing.Domain", ProjectRoom.ReferencedAssemblies(typeof(Billing.Ingestion.UsageIngestor).Assembly));

    [Theory]
    [MemberData(nameof(ReferencedAssemblies))]
    public void ReferencedAssembly_IsAllowed(string name) =>
        Assert.True(ProjectRoom.IsAllowed(name, AllowedAssemblies), $"Billing.Ingestion references {name}, which its room does not allow (docs/architecture.md §4).");

    [Fact]
    public void ProjectReferences_AreAllowed() =>
        Assert.All(ProjectRoom.Items("Billing.Ingestion", "ProjectReference"), p => Assert.Contains(p, AllowedProjects));

    [Fact]
    public void PackageReferences_AreAllowed() =>
        Assert.All(ProjectRoom.Items("Billing.Ingestion", "PackageReference"), p => Assert.Contains(p, AllowedPackages));
}
