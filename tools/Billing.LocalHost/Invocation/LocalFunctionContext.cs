using Microsoft.Azure.Functions.Worker;

namespace Billing.LocalHost.Invocation;

/// <summary>
/// The <see cref="FunctionContext"/> the host gives a function: its invocation id, definition,
/// services (the invocation's scope), binding data and cancellation. Enough for what function
/// classes use (<c>GetLogger</c>, <c>BindingContext.BindingData</c>, <c>GetHttpContext</c>);
/// features and output bindings of the worker's middleware pipeline are not emulated.
/// </summary>
internal sealed class LocalFunctionContext : FunctionContext
{
    /// <summary>Where the ASP.NET Core integration keeps the HTTP context (<c>FunctionContext.GetHttpContext()</c> reads it).</summary>
    public const string HttpContextKey = "HttpRequestContext";

    private readonly CancellationToken cancellationToken;

    public LocalFunctionContext(
        LocalFunctionDefinition definition,
        IReadOnlyDictionary<string, object?> bindingData,
        IServiceProvider services,
        int retryCount,
        int maxRetryCount,
        CancellationToken cancellationToken)
    {
        FunctionDefinition = definition;
        BindingContext = new LocalBindingContext(bindingData);
        RetryContext = new LocalRetryContext(retryCount, maxRetryCount);
        InstanceServices = services;
        this.cancellationToken = cancellationToken;
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext { get; } = new LocalTraceContext();

    public override BindingContext BindingContext { get; }

    public override RetryContext RetryContext { get; }

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features { get; } = new LocalInvocationFeatures();

    public override CancellationToken CancellationToken => cancellationToken;
}
