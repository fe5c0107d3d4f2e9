using Billing.Testing;

[assembly: AssemblyFixture(typeof(AzuriteFixture))]
