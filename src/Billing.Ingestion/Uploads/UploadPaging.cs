namespace Billing.Ingestion.Uploads;

/// <summary>The <c>limit</c> of the uploads API's lists (Stripe's numbers: a page of 1 to 100, 10 by default).</summary>
public static class UploadPaging
{
    /// <summary>Items of a page when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 10;

    /// <summary>The most items a page may ask for: each file listed costs a read of its summary.</summary>
    public const int MaxLimit = 100;
}
