using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Persistence;

// Standalone: dotnet run --project tools/Billing.StripeEmulator -- --urls http://127.0.0.1:12111
// (add --StripeEmulator:DataDirectory=<folder> to keep its state across restarts)
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddStripeEmulator(builder.Configuration);

var app = builder.Build();
try
{
    app.MapStripeEmulator();
}
catch (EmulatorStateException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}

await app.RunAsync();
return 0;

/// <summary>The emulator's entry point; public so tests can host it.</summary>
public partial class Program;
