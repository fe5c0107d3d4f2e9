using System.Text.Json.Nodes;
using Billing.Domain.Catalog;

namespace Billing.Domain.Tests.Catalog;

/// <summary>
/// The loader must turn every broken catalog into a <see cref="CatalogException"/>. A domain
/// constructor's ArgumentException (or any other exception) escaping means a check is missing.
/// </summary>
public sealed class CatalogLoaderRobustnessTests
{
    private static readonly Func<JsonNode?>[] Junk =
    [
        () => null, () => -1, () => 0, () => 1.5m, () => 1e30, () => long.MaxValue, () => "", () => " ",
        () => "x", () => "inf", () => "\ud800", () => true, () => new JsonObject(), () => new JsonArray(),
    ];

    public static TheoryData<string> Catalogs => ["full", "sample"];

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void Parse_AnyValueReplacedOrRemoved_OnlyCatalogExceptionEscapes(string name)
    {
        var original = JsonNode.Parse(name == "full" ? CatalogJson.Full : File.ReadAllText(CatalogJson.SamplePath()))!;
        var failures = new List<string>();
        var tried = 0;
        foreach (var location in Locations(original, []))
        {
            foreach (var mutant in Mutants(original, location))
            {
                tried++;
                var ex = Record.Exception(() => CatalogLoader.Parse(mutant));
                if (ex is not (null or CatalogException { Errors.Count: > 0 }))
                {
                    failures.Add($"{ex.GetType().Name}: {ex.Message}\n  in {mutant}");
                }
            }
        }

        Assert.True(tried > 500, $"only {tried} mutants");
        Assert.Empty(failures);
    }

    // Every value's location as a list of field names and array indices from the root.
    private static IEnumerable<object[]> Locations(JsonNode? node, object[] path)
    {
        var children = node switch
        {
            JsonObject obj => obj.Select(p => ((object)p.Key, p.Value)).ToArray(),
            JsonArray array => array.Select((v, i) => ((object)i, v)).ToArray(),
            _ => [],
        };
        foreach (var (key, child) in children)
        {
            object[] childPath = [.. path, key];
            yield return childPath;
            foreach (var deeper in Locations(child, childPath))
            {
                yield return deeper;
            }
        }
    }

    private static IEnumerable<string> Mutants(JsonNode original, object[] location)
    {
        foreach (var junk in Junk)
        {
            yield return Mutate(original, location, (parent, key) =>
            {
                if (key is string field)
                {
                    parent[field] = junk();
                }
                else
                {
                    parent[(int)key] = junk();
                }
            });
        }

        yield return Mutate(original, location, (parent, key) =>
        {
            if (key is string field)
            {
                parent.AsObject().Remove(field);
            }
            else
            {
                parent.AsArray().RemoveAt((int)key);
            }
        });
    }

    private static string Mutate(JsonNode original, object[] location, Action<JsonNode, object> change)
    {
        var copy = original.DeepClone();
        var parent = location[..^1].Aggregate(copy, (node, key) => key is string field ? node[field]! : node[(int)key]!);
        change(parent, location[^1]);
        return copy.ToJsonString();
    }
}
