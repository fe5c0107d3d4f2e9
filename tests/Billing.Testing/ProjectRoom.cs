using System.Reflection;
using System.Xml.Linq;

namespace Billing.Testing;

/// <summary>
/// What a src project may reference (docs/architecture.md §4), read from its built assembly and
/// from its project file, for the architecture test of each project.
/// </summary>
public static class ProjectRoom
{
    /// <summary>The names of the assemblies <paramref name="assembly"/> was compiled against.</summary>
    public static IReadOnlyList<string> ReferencedAssemblies(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        return [.. assembly.GetReferencedAssemblies().Select(a => a.Name!).Order(StringComparer.Ordinal)];
    }

    /// <summary>The <c>Include</c> of every item of kind <paramref name="item"/> (<c>ProjectReference</c>, <c>PackageReference</c>, …) in <c>src/{project}/{project}.csproj</c>; project references by file name.</summary>
    public static IReadOnlyList<string> Items(string project, string item)
    {
        var file = XDocument.Load(Path.Combine(RepositoryRoot(), "src", project, project + ".csproj"));
        return [.. file.Descendants()
            .Where(e => e.Name.LocalName == item)
            .Select(e => (string?)e.Attribute("Include") ?? string.Empty)
            .Select(include => item == "ProjectReference" ? Path.GetFileNameWithoutExtension(include.Replace('\\', '/')) : include)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>True when <paramref name="name"/> is one of <paramref name="allowed"/> or starts with one that ends in '.' or '*'.</summary>
    public static bool IsAllowed(string name, IEnumerable<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(allowed);
        return allowed.Any(a => a.EndsWith('*') ? name.StartsWith(a[..^1], StringComparison.Ordinal) : name == a);
    }

    public static string RepositoryRoot()
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
