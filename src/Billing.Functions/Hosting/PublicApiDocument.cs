using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.OpenApi;

namespace Billing.Functions.Hosting;

/// <summary>
/// The OpenAPI document at <c>/api/openapi.json</c>: the public HTTP API only (the invocation
/// endpoints the host calls are excluded where they are mapped), each operation with the key it
/// needs, and as its server the URL the caller used.
/// </summary>
internal static class PublicApiDocument
{
    public const string Route = "/api/openapi.json";

    /// <summary>Security scheme of a function key in its header.</summary>
    public const string FunctionKeyHeader = "functionKey";

    /// <summary>Security scheme of a function key in the query (the host accepts either).</summary>
    public const string FunctionKeyQuery = "functionKeyQuery";

    /// <remarks>
    /// The server: the OpenAPI package builds it from the request's scheme, Host and path base.
    /// A custom handler listens on a loopback port of its own behind the Functions host, which
    /// forwards each HTTP request over plain HTTP with every header, Host included (the local
    /// runtime's front does the same). So Host is the one the caller used, and only the scheme is
    /// lost: in Azure the front end that terminates TLS states it in <c>X-Forwarded-Proto</c>;
    /// locally the front sets it, replacing whatever the caller sent. That header is honoured only
    /// from loopback (the default known proxies), that is from the host or the front on the same
    /// machine; <c>X-Forwarded-Host</c> is not honoured at all. A relative server ("/") would
    /// resolve as well where a tool fetches the document by URL, but not once the document is
    /// saved or pasted, which is how client generators are often fed.
    /// </remarks>
    public static IServiceCollection AddPublicApiDocument(this IServiceCollection services)
    {
        services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.XForwardedProto);
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[FunctionKeyHeader] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = "x-functions-key",
                    Description = "A function key or the host key (locally: Values.FunctionsHostKey of local.settings.json, printed by `billing up`).",
                };
                document.Components.SecuritySchemes[FunctionKeyQuery] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Query,
                    Name = "code",
                    Description = "The same key as the query parameter `code`.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var auth = context.Description.ActionDescriptor.EndpointMetadata.OfType<FunctionAuth>().ToArray() is [var only]
                    ? only
                    : throw new InvalidOperationException($"{context.Description.HttpMethod} /{context.Description.RelativePath} must state one {nameof(FunctionAuth)}, as its function.json's authLevel.");
                if (auth == FunctionAuth.FunctionKey)
                {
                    // Alternatives: either requirement satisfies the host.
                    operation.Security =
                    [
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(FunctionKeyHeader, context.Document)] = [] },
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(FunctionKeyQuery, context.Document)] = [] },
                    ];
                }
                else
                {
                    operation.Security = [];
                    operation.Description = string.IsNullOrEmpty(operation.Description) ? "Anonymous: no function key." : $"Anonymous: no function key. {operation.Description}";
                }

                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Serves the document; the forwarded scheme is applied to every request before its endpoint runs.</summary>
    public static WebApplication MapPublicApiDocument(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.MapOpenApi(Route);
        return app;
    }
}
