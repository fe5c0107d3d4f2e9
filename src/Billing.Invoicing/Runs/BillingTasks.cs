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
    public const string CreateDraft = "CreateStripeDraftActivity";
    public const string AddLines = "AddStripeLinesActivity";
    public const string Finalize = "FinalizeStripeInvoiceActivity";
    public const string Record = "RecordInvoiceActivity";
    public const string Pay = "PayInvoiceActivity";
    public const string Complete = "CompleteInvoiceRunActivity";
    public const string Supersede = "SupersedeStripeInvoiceActivity";
    public const string ReportStall = "ReportRunStallActivity";
    public const string RetryPayment = "RetryPaymentActivity";

    /// <summary>Registers every orchestrator and activity of the invoice runs; their services come from the host's container (<see cref="InvoiceRunSteps"/>).</summary>
    public static DurableTaskRegistry AddBillingTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.AddOrchestrator(InvoiceRun, typeof(InvoiceRunOrchestrator));
        registry.AddOrchestrator(PaymentRetry, typeof(PaymentRetryOrchestrator));
        registry.AddActivity(CreateDraft, typeof(CreateStripeDraftActivity));
        registry.AddActivity(AddLines, typeof(AddStripeLinesActivity));
        registry.AddActivity(Finalize, typeof(FinalizeStripeInvoiceActivity));
        registry.AddActivity(Record, typeof(RecordInvoiceActivity));
        registry.AddActivity(Pay, typeof(PayInvoiceActivity));
        registry.AddActivity(Complete, typeof(CompleteInvoiceRunActivity));
        registry.AddActivity(Supersede, typeof(SupersedeStripeInvoiceActivity));
        registry.AddActivity(ReportStall, typeof(ReportRunStallActivity));
        registry.AddActivity(RetryPayment, typeof(RetryPaymentActivity));
        return registry;
    }
}
