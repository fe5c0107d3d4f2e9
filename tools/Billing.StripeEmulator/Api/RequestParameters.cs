namespace Billing.StripeEmulator.Api;

/// <summary>Reads a request's parameters as Stripe.net sends them: the query string for GET, a form body for POST.</summary>
internal static class RequestParameters
{
    public static async Task<FormParameters> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return new FormParameters(request.Query.Select(q => KeyValuePair.Create(q.Key, q.Value.ToString())));
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
            return new FormParameters(form.Select(f => KeyValuePair.Create(f.Key, f.Value.ToString())));
        }

        if (request.ContentLength is null or 0 && request.ContentType is null)
        {
            return FormParameters.Empty;
        }

        throw ApiRequestException.Invalid("Invalid request: the body must be application/x-www-form-urlencoded, as Stripe expects.");
    }
}
