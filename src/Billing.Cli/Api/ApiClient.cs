using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Billing.Cli.Api;

/// <summary>
/// The app's HTTP API as the commands use it. Every failure becomes a <see cref="CliException"/>
/// with the message and exit code the user sees: nothing listening → 3, 401 → 4, anything else → 1.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    /// <summary>The Functions header for function and host keys.</summary>
    public const string KeyHeader = "x-functions-key";

    private readonly HttpClient http;

    public ApiClient(CliSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        BaseAddress = settings.Url;
        http = new HttpClient { BaseAddress = settings.Url, Timeout = TimeSpan.FromSeconds(100) };
        if (settings.Key is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Add(KeyHeader, key);
        }
    }

    public Uri BaseAddress { get; }

    /// <summary>The base address as the user wrote it (without the trailing slash).</summary>
    private string Display => BaseAddress.ToString().TrimEnd('/');

    /// <param name="path">Relative to the base address, e.g. <c>api/customers/cus_A/usage</c>.</param>
    /// <param name="missing">What to say when the route does not exist (a 404 without an error body): an endpoint of a later version.</param>
    public Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, string? missing, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), type, missing, cancellationToken);

    public Task<T> PostJsonAsync<TBody, T>(string path, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<T> type, string? missing, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, bodyType) }, type, missing, cancellationToken);

    public Task<T> PutJsonAsync<TBody, T>(string path, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<T> type, string? missing, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, bodyType) }, type, missing, cancellationToken);

    public Task<T> DeleteAsync<T>(string path, JsonTypeInfo<T> type, string? missing, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), type, missing, cancellationToken);

    public void Dispose() => http.Dispose();

    private async Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, string? missing, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response.StatusCode, body, missing);
            }

            try
            {
                return JsonSerializer.Deserialize(body, type)
                    ?? throw new CliException(ExitCodes.Failed, $"the app answered {request.RequestUri} with an empty body.");
            }
            catch (JsonException e)
            {
                throw new CliException(ExitCodes.Failed, $"the app's answer to {request.RequestUri} is not what this CLI understands: {e.Message}");
            }
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new CliException(ExitCodes.AppNotRunning, $"the app is not running at {Display}; start it with ./run.sh");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException(ExitCodes.Failed, $"the app at {Display} did not answer within {http.Timeout.TotalSeconds:0} s.");
        }
    }

    private CliException Failure(HttpStatusCode status, string body, string? missing)
    {
        var error = ErrorBody.TryParse(body);
        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new CliException(
                ExitCodes.KeyRefused,
                $"the host key was refused by {Display}: pass --key, set BILLING_KEY, or check Values.FunctionsHostKey in local.settings.json."),
            HttpStatusCode.NotFound when error is null && missing is not null => new CliException(ExitCodes.Failed, missing),
            _ when error is not null => new CliException(ExitCodes.Failed, $"{error.Message} ({(int)status} {error.Code})"),
            _ => new CliException(ExitCodes.Failed, $"the app answered {(int)status} {status}{(body.Length > 0 ? ": " + Shorten(body) : string.Empty)}"),
        };
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
