using System.Net.Http.Headers;
using Billing.Domain.Outbound;
using Microsoft.Extensions.Options;

namespace Billing.Invoicing.Outbound;

/// <summary>
/// POSTs an event's body to an endpoint, signed (<see cref="WebhookSignature"/>), and reports the
/// attempt: a 2xx succeeds; any other status, a redirect (not followed, as Stripe does not), no
/// answer within <see cref="WebhookOptions.Timeout"/> or a connection that fails is a failed
/// attempt with its reason. The answer's body is not read. The timeout is real time (a network
/// bound, like storage's); the attempt's time, its signature and its duration read the wall clock.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    /// <summary>Longest reason kept from a failure's message.</summary>
    private const int MaxErrorLength = 300;

    private readonly HttpClient http;
    private readonly TimeProvider wallClock;
    private readonly TimeSpan timeout;

    public WebhookSender(IOptions<WebhookOptions> options, WallClock wallClock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(wallClock);
        timeout = options.Value.Timeout;
        this.wallClock = wallClock.Time;
        http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = timeout,
            // Endpoints move (DNS); a pooled connection must not pin an old address for ever.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = timeout,
        };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Billing-Webhooks", "1.0"));
    }

    /// <param name="number">The attempt's number within its delivery.</param>
    public async Task<DeliveryAttempt> SendAsync(int number, WebhookEndpoint endpoint, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var at = wallClock.GetUtcNow();
        var started = wallClock.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint.Url)) { Content = new ReadOnlyMemoryContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Header(endpoint.Secret, at, body.Span));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return new DeliveryAttempt(number, at, (int)response.StatusCode, null, wallClock.GetElapsedTime(started));
        }
        catch (HttpRequestException e)
        {
            return new DeliveryAttempt(number, at, null, Trim($"the request failed: {e.Message}"), wallClock.GetElapsedTime(started));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAttempt(number, at, null, $"no answer within {timeout.TotalSeconds:0.###} s", wallClock.GetElapsedTime(started));
        }
    }

    public void Dispose() => http.Dispose();

    private static string Trim(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}
