using Billing.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.UseCustomHandlerPort();
builder.Services.AddBilling(builder.Configuration);
builder.Services.AddPublicApiDocument();

var app = builder.Build();
await app.Services.InitializeBillingStorageAsync(app.Lifetime.ApplicationStopping);
app.MapPublicApiDocument();
app.MapBilling();
app.MapInvocations();
await app.RunAsync();

/// <summary>The app's entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
