using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Billing.LocalHost.TestApp;

/// <summary>HTTP functions: route values, keys, results of both kinds, a failure, a slow request, and a Durable start.</summary>
public sealed class HttpFunctions(Recorder recorder)
{
    [Function("Echo")]
    public IResult Echo([HttpTrigger(AuthorizationLevel.Function, "get", Route = "echo/{id}")] HttpRequest request, string id, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        recorder.Add($"echo {id}");
        return TypedResults.Ok(new EchoBody(id, request.Query["q"].ToString(), context.FunctionDefinition.Name, context.GetHttpContext() == request.HttpContext));
    }

    [Function("Admin")]
    public IResult Admin([HttpTrigger(AuthorizationLevel.Admin, "post", Route = "admin/things")] HttpRequest request) => TypedResults.NoContent();

    [Function("Boom")]
    public IResult Boom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "boom")] HttpRequest request) => throw new InvalidOperationException("boom");

    [Function("Action")]
    public IActionResult Action([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "action")] HttpRequest request) =>
        new ObjectResult(new EchoBody("action", string.Empty, "Action", true)) { StatusCode = StatusCodes.Status201Created };

    [Function("Slow")]
    public async Task<IResult> Slow([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "slow/{milliseconds:int}")] HttpRequest request, int milliseconds, CancellationToken cancellationToken)
    {
        recorder.Add($"slow started {milliseconds}");
        await Task.Delay(milliseconds, cancellationToken).ConfigureAwait(false);
        recorder.Add($"slow done {milliseconds}");
        return TypedResults.Text("done");
    }

    [Function("StartFlow")]
    public async Task<IResult> StartFlow(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "flows/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var steps = request.Query["steps"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(DurableFunctions.Flow), new FlowInput(steps), new StartOrchestrationOptions(id), cancellationToken).ConfigureAwait(false);
        return TypedResults.Accepted($"flows/{id}", new EchoBody(id, string.Empty, "StartFlow", true));
    }

    [Function("FlowStatus")]
    public async Task<IResult> FlowStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "flows/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken).ConfigureAwait(false);
        return instance is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new FlowStatusBody(instance.RuntimeStatus.ToString(), instance.SerializedOutput));
    }
}

/// <summary>What <c>FlowStatus</c> answers: the instance's runtime status and its output (JSON).</summary>
public sealed record FlowStatusBody(string Status, string? Output);

/// <summary>What <c>Echo</c> answers.</summary>
public sealed record EchoBody(string Id, string Query, string Function, bool HasHttpContext);
