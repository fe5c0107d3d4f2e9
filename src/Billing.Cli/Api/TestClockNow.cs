namespace Billing.Cli.Api;

/// <summary><c>GET /api/test_helpers/clock</c>: the test clock's current time and the time it is frozen at (null before the first advance), Unix seconds.</summary>
internal sealed record TestClockNow(long Now, long? FrozenTime);
