using System.Text.Json;
using Billing.LocalDev.Settings;
using Cronos;

namespace Billing.LocalHost.Metadata;

/// <summary>
/// Reads <c>functions.metadata</c>, the JSON array the Functions worker SDK writes into the app's
/// build output: per function its name, assembly, entry point and bindings. Of the bindings the
/// host needs the trigger and the <c>durableClient</c> inputs; output bindings are not used by the app.
/// </summary>
internal static class FunctionMetadataReader
{
    private const string DefaultConnection = "AzureWebJobsStorage";

    public static IReadOnlyList<FunctionMetadata> Read(string file, AppSettings settings)
    {
        using var document = JsonFields.Parse(file);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FunctionAppModelException(file, "(root)", "must be a JSON array of functions.");
        }

        var functions = new List<FunctionMetadata>();
        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            var path = $"[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new FunctionAppModelException(file, path, "must be an object.");
            }

            functions.Add(ReadFunction(new JsonFields(file, path, element), settings, file, path));
        }

        return functions;
    }

    private static FunctionMetadata ReadFunction(JsonFields function, AppSettings settings, string file, string path)
    {
        var name = function.RequiredString("name");
        if (!function.Element.TryGetProperty("bindings", out var bindings) || bindings.ValueKind != JsonValueKind.Array)
        {
            throw function.Error("bindings", "is required (an array).");
        }

        TriggerBinding? trigger = null;
        var clients = new List<string>();
        var index = 0;
        foreach (var element in bindings.EnumerateArray())
        {
            var bindingPath = $"{path}.bindings[{index++}]";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new FunctionAppModelException(file, bindingPath, "must be an object.");
            }

            var binding = new JsonFields(file, bindingPath, element);
            var type = binding.RequiredString("type");
            if (string.Equals(type, "durableClient", StringComparison.OrdinalIgnoreCase))
            {
                clients.Add(binding.RequiredString("name"));
                continue;
            }

            if (!type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (trigger is not null)
            {
                throw binding.Error("type", "a function has exactly one trigger; this is the second.");
            }

            trigger = ReadTrigger(binding, type, name, settings, file, bindingPath);
        }

        return new FunctionMetadata(
            name,
            function.RequiredString("scriptFile"),
            function.RequiredString("entryPoint"),
            trigger ?? throw function.Error("bindings", "has no trigger binding."),
            clients,
            settings.IsTrue($"AzureWebJobs.{name}.Disabled") || settings.IsTrue($"AzureWebJobs__{name}__Disabled"));
    }

    private static TriggerBinding ReadTrigger(JsonFields binding, string type, string function, AppSettings settings, string file, string path)
    {
        var name = binding.RequiredString("name");
        string Resolve(string field) => BindingExpressions.Resolve(binding.RequiredString(field), settings, file, $"{path}.{field}");
        switch (type.ToLowerInvariant())
        {
            case "blobtrigger":
            {
                var blobPath = Resolve("path");
                var slash = blobPath.IndexOf('/', StringComparison.Ordinal);
                var container = slash < 0 ? blobPath : blobPath[..slash];
                var pattern = slash < 0 ? "{name}" : blobPath[(slash + 1)..];
                var open = pattern.IndexOf('{', StringComparison.Ordinal);
                var close = pattern.IndexOf('}', StringComparison.Ordinal);
                if (container.Length == 0 || container.Contains('{', StringComparison.Ordinal)
                    || (pattern.Length > 0 && (open < 0 || close < open || pattern.IndexOf('{', open + 1) >= 0)))
                {
                    throw binding.Error("path", $"\"{blobPath}\" must be container/prefix{{name}}suffix (one placeholder, in the blob name).");
                }

                return pattern.Length == 0
                    ? new BlobTriggerBinding(name, container, string.Empty, string.Empty, Connection(binding))
                    : new BlobTriggerBinding(name, container, pattern[..open], pattern[(close + 1)..], Connection(binding));
            }

            case "queuetrigger":
                return new QueueTriggerBinding(name, Resolve("queueName").ToLowerInvariant(), Connection(binding));
            case "timertrigger":
            {
                var schedule = Resolve("schedule");
                return new TimerTriggerBinding(
                    name,
                    schedule,
                    ParseSchedule(schedule, binding),
                    binding.Boolean("useMonitor") ?? true,
                    binding.Boolean("runOnStartup") ?? false);
            }

            case "httptrigger":
                return new HttpTriggerBinding(
                    name,
                    (binding.String("authLevel") ?? "function").ToLowerInvariant() switch
                    {
                        var level when level is "anonymous" or "function" or "admin" => level,
                        var other => throw binding.Error("authLevel", $"must be anonymous, function or admin, not \"{other}\"."),
                    },
                    binding.StringArray("methods")?.Select(m => m.ToUpperInvariant()).ToArray(),
                    (binding.String("route") is { Length: > 0 } route ? BindingExpressions.Resolve(route, settings, file, $"{path}.route") : function).Trim('/'));
            case "orchestrationtrigger":
                return new OrchestrationTriggerBinding(name);
            case "activitytrigger":
                return new ActivityTriggerBinding(name);
            default:
                throw binding.Error("type", $"\"{type}\" is not a trigger this host runs (blobTrigger, queueTrigger, timerTrigger, httpTrigger, orchestrationTrigger, activityTrigger).");
        }
    }

    /// <summary>NCRONTAB with seconds (6 fields) as the Functions host reads it; 5 fields are minutes-precision cron. Times are UTC.</summary>
    private static CronExpression ParseSchedule(string schedule, JsonFields binding)
    {
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            return fields switch
            {
                6 => CronExpression.Parse(schedule, CronFormat.IncludeSeconds),
                5 => CronExpression.Parse(schedule, CronFormat.Standard),
                _ => throw binding.Error("schedule", $"\"{schedule}\" must be NCRONTAB with 6 fields (second minute hour day month day-of-week)."),
            };
        }
        catch (CronFormatException e)
        {
            throw binding.Error("schedule", $"\"{schedule}\" is not a valid NCRONTAB expression: {e.Message}");
        }
    }

    private static string Connection(JsonFields binding) => binding.String("connection") is { Length: > 0 } c ? c : DefaultConnection;
}
