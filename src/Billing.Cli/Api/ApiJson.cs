using System.Text.Json;
using System.Text.Json.Serialization;
using Billing.Cli.Upload;

namespace Billing.Cli.Api;

/// <summary>The JSON the CLI reads and writes: Stripe-style snake_case names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(CustomerUsage))]
[JsonSerializable(typeof(IReadOnlyList<Invoice>))]
[JsonSerializable(typeof(Invoice))]
[JsonSerializable(typeof(MeterEventsResult))]
[JsonSerializable(typeof(FrozenTime))]
[JsonSerializable(typeof(TestClockNow))]
[JsonSerializable(typeof(ReplayRequest))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(FileSummary))]
[JsonSerializable(typeof(RejectedRow))]
[JsonSerializable(typeof(UploadRejects))]
[JsonSerializable(typeof(AlertList))]
[JsonSerializable(typeof(Alert))]
[JsonSerializable(typeof(AlertRequest))]
[JsonSerializable(typeof(PortalLink))]
internal sealed partial class ApiJson : JsonSerializerContext;
