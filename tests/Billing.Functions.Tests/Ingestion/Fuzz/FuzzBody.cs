using System.Net;

namespace Billing.Functions.Tests.Ingestion.Fuzz;

/// <summary>A generated meter-events request body and the answer it must get.</summary>
/// <param name="Items">For a 200: one per event, in request order. For a refused body: the events it carried (none ingested).</param>
internal sealed record FuzzBody(string Shape, byte[] Bytes, HttpStatusCode Status, IReadOnlyList<FuzzItem> Items)
{
    /// <summary>The body itself is damaged (not only some events in it).</summary>
    public bool IsMutated => Status != HttpStatusCode.OK || Items.Any(i => i.IsMutated);
}
