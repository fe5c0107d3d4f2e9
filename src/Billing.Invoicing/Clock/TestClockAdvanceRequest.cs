namespace Billing.Invoicing.Clock;

/// <summary>The HTTP-free input of the test clock's advance: the request body, <c>{"frozen_time": unix seconds}</c>.</summary>
public sealed record TestClockAdvanceRequest(Stream Body);
