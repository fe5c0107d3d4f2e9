using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Billing.Functions.Tests;

/// <summary>What an HTTP function's <see cref="IResult"/> wrote, executed as the ASP.NET Core integration executes it.</summary>
internal sealed record FunctionAnswer(int Status, JsonElement Body)
{
    public static async Task<FunctionAnswer> ExecuteAsync(IResult result, DefaultHttpContext context)
    {
        await result.ExecuteAsync(context);
        var body = (MemoryStream)context.Response.Body;
        return new FunctionAnswer(context.Response.StatusCode, JsonDocument.Parse(body.ToArray()).RootElement.Clone());
    }

    public string? ErrorCode => Body.GetProperty("error").GetProperty("code").GetString();

    public string? ErrorMessage => Body.GetProperty("error").GetProperty("message").GetString();
}
