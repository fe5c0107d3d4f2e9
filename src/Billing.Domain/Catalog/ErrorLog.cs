namespace Billing.Domain.Catalog;

/// <summary>
/// The problems found so far while reading a catalog. Readers record a problem and go on, so
/// one pass reports all of them; domain objects are only built when the log stays empty.
/// </summary>
internal sealed class ErrorLog
{
    private readonly List<CatalogError> errors = [];

    public bool HasErrors => errors.Count > 0;

    public IReadOnlyList<CatalogError> Errors => errors;

    public void Add(string path, string message) => errors.Add(new CatalogError(path, message));

    /// <exception cref="CatalogException">At least one problem was recorded.</exception>
    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new CatalogException(errors);
        }
    }
}
