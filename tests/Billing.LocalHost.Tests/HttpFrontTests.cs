using System.Net;
using System.Net.Http.Json;
using Billing.LocalHost.TestApp;
using Billing.Testing;

namespace Billing.LocalHost.Tests;

/// <summary>The HTTP front, in-process on the test app: routes under /api, function keys, and what the functions return.</summary>
public sealed class HttpFrontTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_FunctionRoute_OnlyWithTheKeyInHeaderOrQuery_BindsRouteValuesAndContext()
    {
        await using var harness = TestAppHarness.Create(azurite);
        var host = await harness.StartHostAsync("a");

        using var anonymous = TestAppHarness.Client(host, key: null);
        using var wrongKey = TestAppHarness.Client(host, key: "not-the-key");
        using var client = TestAppHarness.Client(host);
        var withHeader = await client.GetFromJsonAsync<EchoBody>("api/echo/abc?q=x%20y", Ct);
        var withCode = await anonymous.GetAsync($"api/echo/def?code={TestAppHarness.HostKey}", Ct);

        Assert.Equal(new EchoBody("abc", "x y", "Echo", true), withHeader);
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/echo/abc", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongKey.GetAsync("api/echo/abc", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("api/admin/things", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("api/admin/things", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("api/no/such/route", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("echo/abc", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("api/echo/abc", null, Ct)).StatusCode);
        Assert.Equal(["echo abc", "echo def"], TestAppHarness.Recorder(host).Entries);
    }

    [Fact]
    public async Task Get_FunctionReturnsAnActionResultOrThrows_ResultIsExecutedOrA500()
    {
        await using var harness = TestAppHarness.Create(azurite);
        var host = await harness.StartHostAsync("a");
        using var client = TestAppHarness.Client(host, key: null);

        var action = await client.GetAsync("api/action", Ct);
        var boom = await client.GetAsync("api/boom", Ct);

        Assert.Equal(HttpStatusCode.Created, action.StatusCode);
        Assert.Equal(new EchoBody("action", string.Empty, "Action", true), await action.Content.ReadFromJsonAsync<EchoBody>(Ct));
        Assert.Equal(HttpStatusCode.InternalServerError, boom.StatusCode);
    }
}
