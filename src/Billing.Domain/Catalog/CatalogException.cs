namespace Billing.Domain.Catalog;

/// <summary>
/// A catalog document was refused. <see cref="Errors"/> lists every problem found in one pass;
/// the message repeats them, one per line, as <c>&lt;json path&gt;: &lt;message&gt;</c>.
/// </summary>
public sealed class CatalogException : Exception
{
    /// <exception cref="ArgumentException"><paramref name="errors"/> is empty: a refusal needs a reason.</exception>
    public CatalogException(IReadOnlyList<CatalogError> errors)
        : base(Format(errors))
    {
        Errors = errors.ToArray();
    }

    /// <summary>Every problem, in the order found (meters, prices, customers, subscriptions).</summary>
    public IReadOnlyList<CatalogError> Errors { get; }

    private static string Format(IReadOnlyList<CatalogError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A catalog is refused for at least one reason.", nameof(errors));
        }

        // "\n" rather than Environment.NewLine so the message is the same on every platform.
        return string.Join('\n', errors);
    }
}
