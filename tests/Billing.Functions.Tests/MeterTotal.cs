using Billing.Domain.Meters;

namespace Billing.Functions.Tests;

/// <summary>One meter's aggregate of one customer's period, comparable by value across runs.</summary>
internal sealed record MeterTotal(string Customer, string Meter, AggregationFormula Formula, long Events, decimal Quantity);
