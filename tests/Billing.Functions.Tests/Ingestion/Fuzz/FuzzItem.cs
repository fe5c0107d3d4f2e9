using System.Text;

namespace Billing.Functions.Tests.Ingestion.Fuzz;

/// <summary>One generated line of a file, or event of a request: its bytes and what ingestion must make of it.</summary>
/// <param name="Mutation">How it was made ("plain" for an untouched good event), for failure messages and counts.</param>
/// <param name="Reason">The rejection code a <see cref="FuzzKind.Bad"/> item must get.</param>
/// <param name="Event">The event a <see cref="FuzzKind.Good"/> item means: the ground truth.</param>
internal sealed record FuzzItem(byte[] Bytes, FuzzKind Kind, string Mutation, string? Reason = null, TestEvent? Event = null)
{
    public bool IsMutated => Mutation != "plain";

    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Bytes.AsSpan(0, Math.Min(Bytes.Length, 160)));
        var shown = new StringBuilder();
        foreach (var c in text)
        {
            shown.Append(c is < ' ' or '\uFFFD' ? $"\\x{(int)c:X2}" : c.ToString());
        }

        return $"{Kind} {Mutation}{(Reason is null ? string.Empty : $" ({Reason})")}: {shown}{(Bytes.Length > 160 ? "…" : string.Empty)}";
    }
}
