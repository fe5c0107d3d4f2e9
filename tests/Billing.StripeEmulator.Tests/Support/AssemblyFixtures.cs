using Billing.StripeEmulator.Tests.Support;

[assembly: AssemblyFixture(typeof(EmulatorFixture))]
