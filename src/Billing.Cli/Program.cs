using Billing.Cli;

return await BillingCli.RunAsync(args, CliEnvironment.FromProcess());
