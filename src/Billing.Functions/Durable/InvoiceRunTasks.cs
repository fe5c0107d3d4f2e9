using Billing.Invoicing.Runs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace Billing.Functions.Durable;

/// <summary>
/// The invoice runs' orchestrators and activities (src/Billing.Invoicing/Runs) as functions, each
/// named exactly as its task so the orchestrators' <c>CallActivityAsync(name)</c> finds it. Written by
/// hand, in one class, in the shape the Durable source generator emits (the generator is not served
/// here); each method only hands the trigger's context and input to the class-based task.
/// </summary>
public static class InvoiceRunTasks
{
    [Function(BillingTasks.InvoiceRun)]
    public static Task<InvoiceRunResult?> InvoiceRunOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new InvoiceRunOrchestrator().RunAsync(context, context.GetInput<InvoiceRunInput>()!);
    }

    [Function(BillingTasks.PaymentRetry)]
    public static Task<InvoiceRunResult?> PaymentRetryOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PaymentRetryOrchestrator().RunAsync(context, context.GetInput<PaymentRetryInput>()!);
    }

    [Function(BillingTasks.Draft)]
    public static async Task<StepResult> DraftStripeInvoiceActivity([ActivityTrigger] InvoiceRef input, string instanceId, FunctionContext executionContext)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        ITaskActivity activity = ActivatorUtilities.GetServiceOrCreateInstance<DraftStripeInvoiceActivity>(executionContext.InstanceServices);
        return (StepResult)(await activity.RunAsync(new GeneratedActivityContext(BillingTasks.Draft, instanceId), input))!;
    }

    [Function(BillingTasks.Finalize)]
    public static async Task<StepResult> FinalizeStripeInvoiceActivity([ActivityTrigger] InvoiceRef input, string instanceId, FunctionContext executionContext)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        ITaskActivity activity = ActivatorUtilities.GetServiceOrCreateInstance<FinalizeStripeInvoiceActivity>(executionContext.InstanceServices);
        return (StepResult)(await activity.RunAsync(new GeneratedActivityContext(BillingTasks.Finalize, instanceId), input))!;
    }

    [Function(BillingTasks.Pay)]
    public static async Task<StepResult> PayInvoiceActivity([ActivityTrigger] InvoiceRef input, string instanceId, FunctionContext executionContext)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        ITaskActivity activity = ActivatorUtilities.GetServiceOrCreateInstance<PayInvoiceActivity>(executionContext.InstanceServices);
        return (StepResult)(await activity.RunAsync(new GeneratedActivityContext(BillingTasks.Pay, instanceId), input))!;
    }

    [Function(BillingTasks.Supersede)]
    public static async Task<SupersedeResult> SupersedeStripeInvoiceActivity([ActivityTrigger] SupersedeInput input, string instanceId, FunctionContext executionContext)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        ITaskActivity activity = ActivatorUtilities.GetServiceOrCreateInstance<SupersedeStripeInvoiceActivity>(executionContext.InstanceServices);
        return (SupersedeResult)(await activity.RunAsync(new GeneratedActivityContext(BillingTasks.Supersede, instanceId), input))!;
    }

    [Function(BillingTasks.ReportStall)]
    public static async Task<bool> ReportRunStallActivity([ActivityTrigger] StallInput input, string instanceId, FunctionContext executionContext)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        ITaskActivity activity = ActivatorUtilities.GetServiceOrCreateInstance<ReportRunStallActivity>(executionContext.InstanceServices);
        return (bool)(await activity.RunAsync(new GeneratedActivityContext(BillingTasks.ReportStall, instanceId), input))!;
    }

    [Function(BillingTasks.RetryPayment)]
    public static async Task<InvoiceRunResult> RetryPaymentActivity([ActivityTrigger] PaymentAttempt input, string instanceId, FunctionContext executionContext)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        ITaskActivity activity = ActivatorUtilities.GetServiceOrCreateInstance<RetryPaymentActivity>(executionContext.InstanceServices);
        return (InvoiceRunResult)(await activity.RunAsync(new GeneratedActivityContext(BillingTasks.RetryPayment, instanceId), input))!;
    }
}

/// <summary>The activity context the generator emits (name and instance id).</summary>
internal sealed class GeneratedActivityContext(TaskName name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
