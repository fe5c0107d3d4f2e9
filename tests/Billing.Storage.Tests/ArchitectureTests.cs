using Billing.Testing;

namespace Billing.Storage.Tests;

/// <summary>Billing.Storage (docs/architecture.md §4): adapters of the domain's ports over the Azure SDKs; nothing of ingestion, invoicing or Stripe.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] AllowedAssemblies = ["System*", "netstandard", "Billing.Domain", "Azure*", "Microsoft.Extensions.Logging.Abstractions"];
    private static readonly string[] AllowedProjects = ["Billing.Domain"];
    private static readonly string[] AllowedPackages = ["Azure.Data.Tables", "Azure.Storage.Blobs", "Azure.Storage.Queues", "System.IO.Hashing"];

    public static TheoryData<string> ReferencedAssemblies => new(ProjectRoom.ReferencedAssemblies(typeof(Billing.Storage.StorageNames).Assembly));

    [Fact]
    public void Project_ReferencesTheDomain_TableIsNotVacuous() =>
        Assert.Contains("Billing.Domain", ProjectRoom.ReferencedAssemblies(typeof(Billing.Storage.StorageNames).Assembly));

    [Theory]
    [MemberData(nameof(ReferencedAssemblies))]
    public void ReferencedAssembly_IsAllowed(string name) =>
        Assert.True(ProjectRoom.IsAllowed(name, AllowedAssemblies), $"Billing.Storage references {name}, which its room does not allow (docs/architecture.md §4).");

    [Fact]
    public void ProjectReferences_AreAllowed() =>
        Assert.All(ProjectRoom.Items("Billing.Storage", "ProjectReference"), p => Assert.Contains(p, AllowedProjects));

    [Fact]
    public void PackageReferences_AreAllowed() =>
        Assert.All(ProjectRoom.Items("Billing.Storage", "PackageReference"), p => Assert.Contains(p, AllowedPackages));
}
