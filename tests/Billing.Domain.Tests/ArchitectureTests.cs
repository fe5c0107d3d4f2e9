using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Billing.Domain.Monetary;

namespace Billing.Domain.Tests;

/// <summary>STYLE.md 1: the domain references the BCL only.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Currency).Assembly;

    public static TheoryData<string> ReferencedAssemblies =>
        new(Domain.GetReferencedAssemblies().Select(a => a.Name!));

    [Fact]
    public void Domain_ReferencesSomeAssemblies_TableIsNotVacuous() =>
        Assert.Contains("System.Runtime", Domain.GetReferencedAssemblies().Select(a => a.Name));

    [Theory]
    [MemberData(nameof(ReferencedAssemblies))]
    public void Domain_ReferencedAssembly_IsPartOfTheSharedFramework(string name)
    {
        Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib",
            $"Billing.Domain references {name}, which is not a BCL assembly.");

        var file = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), name + ".dll");
        Assert.True(File.Exists(file), $"Billing.Domain references {name}, which is not in Microsoft.NETCore.App ({file}).");
    }

    [Fact]
    public void DomainProject_HasNoPackageOrProjectReferences()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Billing.Domain", "Billing.Domain.csproj"));

        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "Reference")
            .Select(e => e.ToString())
            .ToList();

        Assert.Empty(references);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Billing.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Billing.sln above {AppContext.BaseDirectory}.");
    }
}
