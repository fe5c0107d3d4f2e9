using Billing.StripeEmulator.Hosting;

// Standalone: dotnet run --project tools/Billing.StripeEmulator -- --urls http://127.0.0.1:12111
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddStripeEmulator(builder.Configuration);

var app = builder.Build();
app.MapStripeEmulator();
await app.RunAsync();

/// <summary>The emulator's entry point; public so tests can host it.</summary>
public partial class Program;
