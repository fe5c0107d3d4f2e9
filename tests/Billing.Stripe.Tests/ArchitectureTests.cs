using System.Reflection;
using Billing.Testing;

namespace Billing.Stripe.Tests;

/// <summary>Billing.Stripe (docs/architecture.md §4): the Stripe adapter over Stripe.net; no storage, no application layer, and no Stripe.net type in its public signatures.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] AllowedAssemblies = ["System*", "netstandard", "Billing.Domain", "Stripe.net", "Newtonsoft.Json", "Microsoft.Extensions.*"];
    private static readonly string[] AllowedProjects = ["Billing.Domain"];
    private static readonly string[] AllowedPackages = ["Stripe.net"];

    public static TheoryData<string> ReferencedAssemblies => new(ProjectRoom.ReferencedAssemblies(typeof(Billing.Stripe.StripeOptions).Assembly));

    [Fact]
    public void Project_ReferencesTheDomain_TableIsNotVacuous() =>
        Assert.Contains("Billing.Domain", ProjectRoom.ReferencedAssemblies(typeof(Billing.Stripe.StripeOptions).Assembly));

    [Theory]
    [MemberData(nameof(ReferencedAssemblies))]
    public void ReferencedAssembly_IsAllowed(string name) =>
        Assert.True(ProjectRoom.IsAllowed(name, AllowedAssemblies), $"Billing.Stripe references {name}, which its room does not allow (docs/architecture.md §4).");

    [Fact]
    public void ProjectReferences_AreAllowed() =>
        Assert.All(ProjectRoom.Items("Billing.Stripe", "ProjectReference"), p => Assert.Contains(p, AllowedProjects));

    [Fact]
    public void PackageReferences_AreAllowed() =>
        Assert.All(ProjectRoom.Items("Billing.Stripe", "PackageReference"), p => Assert.Contains(p, AllowedPackages));

    [Fact]
    public void PublicSignatures_NameNoStripeNetType()
    {
        var stripeNet = typeof(global::Stripe.Event).Assembly;
        var leaks = typeof(Billing.Stripe.StripeOptions).Assembly.GetExportedTypes()
            .SelectMany(type => SignatureTypes(type).Where(t => t.Assembly == stripeNet).Select(t => $"{type.Name}: {t.FullName}"))
            .Distinct()
            .ToList();

        Assert.Empty(leaks);
    }

    [Fact]
    public void SignatureTypes_OfAGatewayShapedType_FindStripeNetTypes() =>
        Assert.Contains(typeof(global::Stripe.Event), SignatureTypes(typeof(Leaky)));

    /// <summary>Every type a public or protected member of <paramref name="type"/> names, generic arguments and element types included.</summary>
    private static IEnumerable<Type> SignatureTypes(Type type)
    {
        const BindingFlags Visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        IEnumerable<Type> named = [
            .. type.BaseType is { } baseType ? [baseType] : Array.Empty<Type>(),
            .. type.GetInterfaces(),
            .. type.GetConstructors(Visible).Where(c => c.IsPublic || c.IsFamily).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)),
            .. type.GetMethods(Visible).Where(m => m.IsPublic || m.IsFamily).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)),
            .. type.GetProperties(Visible).Where(p => p.GetMethod is { IsPublic: true } or { IsFamily: true }).Select(p => p.PropertyType),
            .. type.GetFields(Visible).Where(f => f.IsPublic || f.IsFamily).Select(f => f.FieldType),
        ];
        return named.SelectMany(Unwrap);

        static IEnumerable<Type> Unwrap(Type t) =>
            t.HasElementType ? Unwrap(t.GetElementType()!)
            : t.IsGenericType ? t.GetGenericArguments().SelectMany(Unwrap).Prepend(t.GetGenericTypeDefinition())
            : [t];
    }

    /// <summary>Shows the check finds what it looks for: a member that returns Stripe.net's events in a task of a list.</summary>
    private abstract class Leaky
    {
        public abstract Task<IReadOnlyList<global::Stripe.Event>> ListEventsAsync();
    }
}
