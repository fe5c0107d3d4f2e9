using Billing.LocalHost.TestApp;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
TestApp.Configure(builder);
await builder.Build().RunAsync();
