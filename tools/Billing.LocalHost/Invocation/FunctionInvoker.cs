using System.Diagnostics;
using System.Reflection;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Billing.LocalHost.Invocation;

/// <summary>
/// Calls a function method in-process, as the isolated worker does: a service scope per
/// invocation, the function's class created in it (<c>ActivatorUtilities</c>), parameters bound by
/// <see cref="FunctionMethod"/>, and the returned task awaited. Trigger invocations (blob, queue,
/// timer) get host.json's <c>functionTimeout</c> and are recorded in the invocation log; a thrown
/// exception is their failure.
/// </summary>
internal sealed partial class FunctionInvoker
{
    private const int MaxErrorLength = 16 * 1024;

    private readonly IServiceProvider services;
    private readonly Func<DurableTaskClient?> durableClient;
    private readonly TimeSpan functionTimeout;
    private readonly string instanceId;
    private readonly TimeProvider time;
    private readonly Action<InvocationRecord> record;
    private readonly ILogger logger;

    public FunctionInvoker(
        IServiceProvider services,
        Func<DurableTaskClient?> durableClient,
        TimeSpan functionTimeout,
        string instanceId,
        TimeProvider time,
        Action<InvocationRecord> record,
        ILogger logger)
    {
        this.services = services;
        this.durableClient = durableClient;
        this.functionTimeout = functionTimeout;
        this.instanceId = instanceId;
        this.time = time;
        this.record = record;
        this.logger = logger;
    }

    /// <summary>Runs a trigger's invocation to its outcome and records it.</summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled (the host stops).</exception>
    public async Task<InvocationRecord> InvokeAsync(FunctionMethod function, TriggerInput input, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var watch = Stopwatch.StartNew();
        LogInvoking(logger, function.Name, input.Item);
        string? error = null;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(functionTimeout);
            try
            {
                await CallAsync(function, input, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                error = $"Timed out after {functionTimeout} (host.json functionTimeout).";
            }
            catch (Exception e)
            {
                error = Truncate(ErrorText.Of(e));
                LogException(logger, e, function.Name, input.Item);
            }
        }

        var result = new InvocationRecord(function.Name, input.Item, instanceId, started, watch.Elapsed, error is null, error);
        record(result);
        if (result.Succeeded)
        {
            LogSucceeded(logger, function.Name, input.Item, watch.ElapsedMilliseconds);
        }
        else
        {
            LogFailed(logger, function.Name, input.Item, watch.ElapsedMilliseconds, error!);
        }

        return result;
    }

    /// <summary>Calls the function once and returns what it returned (a task's result), exceptions and all.</summary>
    /// <param name="prepare">Called in the invocation's scope before the call (the HTTP front sets the request's services there).</param>
    /// <param name="complete">Called with the result before the scope ends (the HTTP front executes an <c>IResult</c> there).</param>
    /// <param name="onCapturedContext">
    /// Continue on the caller's task scheduler: an orchestrator runs on the Durable Task
    /// executor's own scheduler, and every continuation of its code must stay there.
    /// </param>
    public async Task<object?> CallAsync(
        FunctionMethod function,
        TriggerInput input,
        CancellationToken cancellationToken,
        Action<IServiceProvider, LocalFunctionContext>? prepare = null,
        Func<object?, Task>? complete = null,
        bool onCapturedContext = false)
    {
        var scope = services.CreateAsyncScope();
        await using var scopeDisposal = scope.ConfigureAwait(onCapturedContext);
        var context = new LocalFunctionContext(function.Definition, input.BindingData, scope.ServiceProvider, input.RetryCount, input.MaxRetryCount, cancellationToken);
        prepare?.Invoke(scope.ServiceProvider, context);
        var instance = function.CreateInstance(scope.ServiceProvider);
        try
        {
            var arguments = function.BindArguments(new InvocationState(input, context, durableClient(), cancellationToken));
            var returned = function.Method.Invoke(instance, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
            var result = await AwaitAsync(returned, function.Method.ReturnType, onCapturedContext).ConfigureAwait(onCapturedContext);
            if (complete is not null)
            {
                await complete(result).ConfigureAwait(onCapturedContext);
            }

            return result;
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(onCapturedContext);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    private static async Task<object?> AwaitAsync(object? returned, Type returnType, bool onCapturedContext)
    {
        switch (returned)
        {
            case Task task:
                await task.ConfigureAwait(onCapturedContext);
                return returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>)
                    ? returnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task)
                    : null;
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(onCapturedContext);
                return null;
            case not null when returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>):
                var asTask = (Task)returnType.GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(returned, null)!;
                await asTask.ConfigureAwait(onCapturedContext);
                return asTask.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(asTask);
            default:
                return returned;
        }
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "…";

    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Invoking {Function} for {Item}")]
    private static partial void LogInvoking(ILogger logger, string function, string item);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "{Function} succeeded for {Item} in {Milliseconds} ms")]
    private static partial void LogSucceeded(ILogger logger, string function, string item, long milliseconds);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "{Function} failed for {Item} after {Milliseconds} ms: {Error}")]
    private static partial void LogFailed(ILogger logger, string function, string item, long milliseconds, string error);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "{Function} threw for {Item}")]
    private static partial void LogException(ILogger logger, Exception exception, string function, string item);
}
