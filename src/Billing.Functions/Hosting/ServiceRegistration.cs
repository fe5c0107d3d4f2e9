using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Billing.Domain.Catalog;
using Billing.Domain.Ports;
using Billing.Ingestion.Uploads;
using Billing.Ingestion.UsageFiles;
using Billing.Ingestion.Requests;
using Billing.Ingestion;
using Billing.Ingestion.Validation;
using Billing.Invoicing;
using Billing.Invoicing.Runs;
using Billing.Invoicing.Upcoming;
using Billing.Invoicing.Clock;
using Billing.Invoicing.Dashboard;
using Billing.Invoicing.Portal;
using Billing.Invoicing.Alerts;
using Billing.Invoicing.Outbound;
using Billing.Invoicing.SpendCaps;
using Billing.Invoicing.Usage;
using Billing.Invoicing.Workflows;
using Billing.Storage;
using Billing.Storage.Clock;
using Billing.Storage.Closes;
using Billing.Storage.Files;
using Billing.Storage.Invoices;
using Billing.Storage.Ledger;
using Billing.Storage.Alerts;
using Billing.Storage.Outbound;
using Billing.Storage.Queues;
using Billing.Storage.Reconciliation;
using Billing.Storage.SpendCaps;
using Billing.Storage.Usage;
using Billing.Storage.Webhooks;
using Billing.Stripe;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Billing.Functions.Hosting;

/// <summary>The composition root: every service of the app, wired once.</summary>
public static class ServiceRegistration
{
    /// <summary>The Functions convention for the storage connection string.</summary>
    public const string StorageConnectionSetting = StorageClients.Setting;

    public static IServiceCollection AddBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddTimeProvider(configuration);
        services.AddOptions<BillingOptions>().Bind(configuration.GetSection(BillingOptions.Section)).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection("Ingestion")).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddOptions<UsageStoreOptions>().Bind(configuration.GetSection("UsageStore")).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<IngestionOptions>>().Value);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<UsageStoreOptions>>().Value);
        services.AddOptions<StorageNames>().Bind(configuration.GetSection(StorageNames.Section)).Validate(n =>
        {
            n.Validate();
            return true;
        }).ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StorageNames>>().Value);

        var storage = StorageClients.From(configuration);
        services.AddSingleton(storage.Tables);
        services.AddSingleton(storage.Blobs);
        services.AddSingleton(storage.Queues);

        services.AddSingleton(sp =>
        {
            var billing = sp.GetRequiredService<IOptions<BillingOptions>>().Value;
            return CatalogLoader.Load(billing.CatalogPath, billing.DefaultThresholdAmountGte);
        });
        // Storage adapters, each also registered as the ports it implements (one instance each).
        services.AddSingleton<UsageStore>();
        services.AddSingleton<IUsageLedger>(sp => sp.GetRequiredService<UsageStore>());
        services.AddSingleton<BilledUsageStore>();
        services.AddSingleton<IBilledToDateLedger>(sp => sp.GetRequiredService<BilledUsageStore>());
        services.AddSingleton<PeriodCloseStore>();
        services.AddSingleton<IPeriodCloses>(sp => sp.GetRequiredService<PeriodCloseStore>());
        services.AddSingleton<WorkQueues>();
        services.AddSingleton<IThresholdCheckQueue>(sp => sp.GetRequiredService<WorkQueues>());
        services.AddSingleton<IInvoiceRunQueue>(sp => sp.GetRequiredService<WorkQueues>());
        services.AddSingleton<IUsageFiles, UsageFileBlobs>();
        services.AddSingleton(sp => new UsageWindow(sp.GetRequiredService<IngestionOptions>().MaxEventAge));
        services.AddSingleton<EventValidator>();
        services.AddSingleton<UsageIngestor>();

        services.AddSingleton<IngestUsageFileHandler>();
        services.AddSingleton<ListUploadsHandler>();
        services.AddSingleton<UploadRejectsHandler>();
        services.AddSingleton<MeterEventsHandler>();
        services.AddSingleton<CustomerUsageHandler>();
        services.AddSingleton<ClosePeriodsHandler>();
        services.AddSingleton<CheckThresholdHandler>();
        services.AddSingleton<JudgedPartitions>();

        // The test clock (docs/contracts.md §6). An advance runs every IDueTimer, in registration order.
        services.AddSingleton<TestClockStore>();
        services.AddSingleton<ITestClockStore>(sp => sp.GetRequiredService<TestClockStore>());
        services.AddSingleton(sp => new TestClock(sp.GetRequiredService<ITestClockStore>(), TimeProvider.System));
        services.AddSingleton<IDueTimer, ClosePeriodsTimer>();
        services.AddSingleton<TestClockAdvanceHandler>();
        services.AddSingleton<TestClockNowHandler>();
        services.AddInvoicing(configuration);
        services.AddDashboard(configuration);
        return services;
    }

    /// <summary>Creates the tables and containers the app writes to (idempotent).</summary>
    public static async Task InitializeBillingStorageAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<UsageStore>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<PeriodCloseStore>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<WorkQueues>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<InvoiceStore>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<DriftStore>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<IncidentStore>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<WebhookEventStore>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<WebhookEndpointStore>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<OutboundEventStore>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<SpendCapStore>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<AlertRuleStore>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        var blobs = services.GetRequiredService<BlobServiceClient>();
        var names = services.GetRequiredService<StorageNames>();
        await blobs.GetBlobContainerClient(names.UsageContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await blobs.GetBlobContainerClient(names.RejectsContainer).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        if (services.GetRequiredService<TimeProvider>() is TestClock clock)
        {
            // Before serving: a restarted process must not answer from the wall clock for a moment.
            await clock.LoadAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The invoicing workflow, Stripe and webhooks. Stripe's options are validated when first used,
    /// not on start, so the app meters usage even before a key is configured; invoice runs then fail
    /// (and are retried) with the reason. The Stripe client's rate limiter runs on the system clock,
    /// the webhook signature check and run take-over on the wall clock, never on the test clock.
    /// </summary>
    private static IServiceCollection AddInvoicing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InvoicingOptions>().Bind(configuration.GetSection(InvoicingOptions.Section)).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection(StripeOptions.Section)).Validate(o =>
        {
            o.Validate();
            return true;
        });
        services.TryAddSingleton(WallClock.System);
        services.AddStripeBilling();
        services.AddSingleton(sp => new WebhookVerifier(
            sp.GetRequiredService<IOptions<StripeOptions>>(), sp.GetRequiredService<WallClock>().Time, sp.GetRequiredService<ILogger<WebhookVerifier>>()));
        services.AddSingleton<IWebhookVerifier>(sp => sp.GetRequiredService<WebhookVerifier>());

        services.AddSingleton<InvoiceStore>();
        services.AddSingleton<IInvoiceStore>(sp => sp.GetRequiredService<InvoiceStore>());
        services.AddSingleton<DriftStore>();
        services.AddSingleton<IDriftLog>(sp => sp.GetRequiredService<DriftStore>());
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<IIncidentLog>(sp => sp.GetRequiredService<IncidentStore>());
        services.AddSingleton<WebhookEventStore>();
        services.AddSingleton<IWebhookEventLog>(sp => sp.GetRequiredService<WebhookEventStore>());
        services.AddSingleton<InvoiceBuilder>();
        services.AddSingleton<InvoiceRunner>();
        services.AddSingleton<InvoiceReconciler>();
        services.AddSingleton<InvoiceRunSteps>();
        services.AddSingleton<InvoiceRunScheduler>();
        services.AddSingleton<InvoiceRunHandler>();
        services.AddSingleton<ReconcileHandler>();
        services.AddSingleton<StripeWebhookHandler>();
        services.AddSingleton<WebhookReplayHandler>();
        services.AddSingleton<InvoicesHandler>();
        services.AddSingleton<UpcomingInvoiceHandler>();
        services.AddSingleton<ReconciliationHandler>();
        services.AddSingleton<IDueTimer, ReconcileTimer>();
        services.AddOutboundEvents(configuration);
        services.AddSpendCaps(configuration);
        return services;
    }

    /// <summary>
    /// Spend caps (docs/contracts.md §9): the run-time overrides (cached on the wall clock), the
    /// PUT and entitlements handlers, and the check CheckThreshold runs after each commit.
    /// </summary>
    private static IServiceCollection AddSpendCaps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpendCapOptions>().Bind(configuration.GetSection(SpendCapOptions.Section)).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddSingleton(sp => new SpendCapStore(
            sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<StorageNames>(),
            sp.GetRequiredService<IOptions<SpendCapOptions>>().Value,
            sp.GetRequiredService<WallClock>().Time));
        services.AddSingleton<ISpendCaps>(sp => sp.GetRequiredService<SpendCapStore>());
        services.AddSingleton<SpendCapReader>();
        services.AddSingleton<SpendCapCheck>();
        services.AddSingleton<SetSpendCapHandler>();
        services.AddSingleton<EntitlementsHandler>();
        return services;
    }

    /// <summary>
    /// Outbound events and their webhook endpoints (docs/contracts.md §8): the publisher behind
    /// <see cref="IOutboundEvents"/>, the record of events and deliveries, the delivery queue and
    /// the handlers of the API and of DeliverWebhook. Every time they keep is the wall clock's.
    /// </summary>
    private static IServiceCollection AddOutboundEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddSingleton<WebhookEndpointStore>();
        services.AddSingleton<IWebhookEndpointStore>(sp => sp.GetRequiredService<WebhookEndpointStore>());
        services.AddSingleton<OutboundEventStore>();
        services.AddSingleton<IOutboundEventStore>(sp => sp.GetRequiredService<OutboundEventStore>());
        services.AddSingleton<IWebhookDeliveryQueue>(sp => sp.GetRequiredService<WorkQueues>());
        services.AddSingleton<OutboundEventPublisher>();
        services.AddSingleton<IOutboundEvents>(sp => sp.GetRequiredService<OutboundEventPublisher>());
        services.AddSingleton<OverdueDeliveries>();
        services.AddSingleton<InvoiceEvents>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<DeliverWebhookHandler>();
        services.AddSingleton<CreateWebhookEndpointHandler>();
        services.AddSingleton<ListWebhookEndpointsHandler>();
        services.AddSingleton<DeleteWebhookEndpointHandler>();
        services.AddAlerts();
        services.AddSingleton<ListEventsHandler>();
        services.AddSingleton<GetEventHandler>();
        services.AddSingleton<RedeliverEventHandler>();
        return services;
    }

    /// <summary>Alert rules (docs/contracts.md §10): their store, the API's handlers and the evaluator CheckThreshold calls.</summary>
    private static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddSingleton<AlertRuleStore>();
        services.AddSingleton<IAlertRuleStore>(sp => sp.GetRequiredService<AlertRuleStore>());
        services.AddSingleton<AlertEvaluator>();
        services.AddSingleton<CreateAlertHandler>();
        services.AddSingleton<ListAlertsHandler>();
        services.AddSingleton<DeleteAlertHandler>();
        return services;
    }

    /// <summary>
    /// The dashboard and the customer portal (#12 item 8, docs/contracts.md §11): caps from the spend
    /// caps (§9), forecasts and daily series from the usage API (§2), rules from the alerts (§10).
    /// TryAdd: a test's stand-in registered before wins.
    /// </summary>
    private static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalOptions>().Bind(configuration.GetSection(PortalOptions.Section)).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.TryAddSingleton<IDashboardSpendCaps, DashboardSpendCaps>();
        services.TryAddSingleton<IDashboardForecasts, UsageForecasts>();
        services.TryAddSingleton<IDashboardDailySpend, UsageDailySpend>();
        services.TryAddSingleton<IDashboardAlerts, DashboardAlerts>();
        services.AddSingleton<DashboardReader>();
        services.AddSingleton<DashboardHandler>();
        services.AddSingleton<DashboardCustomerHandler>();
        services.AddSingleton<PortalHandler>();
        services.AddSingleton<CreatePortalLinkHandler>();
        return services;
    }

    /// <summary>
    /// The business clock, unless a test registered its own first: the test clock with
    /// <c>Billing:TestClock</c> on, else the system clock.
    /// </summary>
    private static void TryAddTimeProvider(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            return;
        }

        if (configuration.GetValue<bool>($"{BillingOptions.Section}:{nameof(BillingOptions.TestClock)}"))
        {
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<TestClock>());
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
