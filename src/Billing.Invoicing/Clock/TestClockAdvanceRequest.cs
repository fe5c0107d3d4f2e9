namespace Billing.Invoicing.Clock;

/// <summary>The HTTP-free input of the test clock's advance: the time asked for, read from <c>{"frozen_time": unix seconds}</c> at the HTTP edge.</summary>
public sealed record TestClockAdvanceRequest(DateTimeOffset FrozenTime);
