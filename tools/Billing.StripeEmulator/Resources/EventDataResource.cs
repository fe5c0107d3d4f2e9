namespace Billing.StripeEmulator.Resources;

/// <summary>An event's <c>data</c>: the object as it was after the change, and the attributes it had before.</summary>
internal sealed record EventDataResource(object Object, IReadOnlyDictionary<string, object?>? PreviousAttributes);
