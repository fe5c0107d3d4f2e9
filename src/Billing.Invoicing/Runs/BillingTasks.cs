namespace Billing.Invoicing.Runs;

/// <summary>
/// The invoice runs' Durable Task orchestrators and activities, by name. A host registers them with
/// <see cref="AddBillingTasks"/> (a Durable Task worker, the in-process test host); the Functions
/// app declares one function per name, with the same name, that runs the class
/// (src/Billing.Functions/Durable/InvoiceRunTasks.cs).
/// </summary>
public static class BillingTasks
{
    public const string InvoiceRun = "InvoiceRunOrchestrator";
    public const string PaymentRetry = "PaymentRetryOrchestrator";
    public const string Draft = "DraftStripeInvoiceActivity";
    public const string Finalize = "FinalizeStripeInvoiceActivity";
    public const string Pay = "PayInvoiceActivity";
    public const string Supersede = "SupersedeStripeInvoiceActivity";
    public const string ReportStall = "ReportRunStallActivity";
    public const string RetryPayment = "RetryPaymentActivity";

    /// <summary>Registers every orchestrator and activity of the invoice runs; their services come from the host's container (<see cref="InvoiceRunSteps"/>).</summary>
    public static DurableTaskRegistry AddBillingTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator(InvoiceRun, typeof(InvoiceRunOrchestrator));
        registry.AddOrchestrator(PaymentRetry, typeof(PaymentRetryOrchestrator));
        registry.AddActivity(Draft, typeof(DraftStripeInvoiceActivity));
        registry.AddActivity(Finalize, typeof(FinalizeStripeInvoiceActivity));
        registry.AddActivity(Pay, typeof(PayInvoiceActivity));
        registry.AddActivity(Supersede, typeof(SupersedeStripeInvoiceActivity));
        registry.AddActivity(ReportStall, typeof(ReportRunStallActivity));
        registry.AddActivity(RetryPayment, typeof(RetryPaymentActivity));
        return registry;
    }
}
