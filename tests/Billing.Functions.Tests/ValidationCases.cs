namespace Billing.Functions.Tests;

/// <summary>
/// One event per rejection reason (and the edges of the accepted window), with the outcome each
/// must have at <see cref="AppHarness.Now"/>: the same texts are sent as file lines and as API
/// array elements. Among them, cus_A's accepted events add 15 compute seconds (3 events), two
/// api calls and an adjustment of -4.5.
/// </summary>
internal static class ValidationCases
{
    public static readonly DateTimeOffset InPeriod = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<ValidationCase> All =
    [
        Case(TestEvent.Compute("cus_A", "ok-1", InPeriod, "10").ToJson(), "accepted", null, "ok-1"),
        Case("[1,2,3]", "rejected", "malformed", null),
        Case("""{"event_name":"compute_seconds","identifier":"no-ts","payload":{"stripe_customer_id":"cus_A","value":"1"}}""", "rejected", "malformed", "no-ts"),
        Case(TestEvent.Compute("cus_A", new string('x', 101), InPeriod, "1").ToJson(), "rejected", "identifier_too_long", new string('x', 101)),
        Case(new TestEvent("gpu_seconds", InPeriod, "unk-1", ("stripe_customer_id", "cus_A"), ("value", "1")).ToJson(), "rejected", "unknown_event_name", "unk-1"),
        Case(new TestEvent("compute_seconds", InPeriod, "nocus-1", ("value", "1")).ToJson(), "rejected", "missing_customer", "nocus-1"),
        Case(TestEvent.Compute("cus_A", "bad-value", InPeriod, "abc").ToJson(), "rejected", "invalid_value", "bad-value"),
        Case(new TestEvent("active_user", InPeriod, "no-user", ("stripe_customer_id", "cus_A")).ToJson(), "rejected", "invalid_value", "no-user"),
        Case(TestEvent.Compute("cus_A", "r-1", InPeriod, "-3").ToJson(), "rejected", "negative_value", "r-1"),
        Case(TestEvent.Compute("cus_A", "too-old", AppHarness.Now.AddDays(-35).AddSeconds(-1), "1").ToJson(), "rejected", "timestamp_out_of_window", "too-old"),
        Case(TestEvent.Compute("cus_A", "too-new", AppHarness.Now.AddMinutes(5).AddSeconds(1), "1").ToJson(), "rejected", "timestamp_out_of_window", "too-new"),

        // Exactly 35 days old is inside the window, but before the subscription's anchor.
        Case(TestEvent.Compute("cus_A", "before-anchor", AppHarness.Now.AddDays(-35), "1").ToJson(), "rejected", "no_subscription", "before-anchor"),
        Case(TestEvent.Compute("cus_Z", "stranger", InPeriod, "1").ToJson(), "rejected", "no_subscription", "stranger"),
        Case(TestEvent.Compute("cus_A", "ok-1", InPeriod, "99").ToJson(), "duplicate", null, "ok-1"),

        // A rejected event does not claim its identifier.
        Case(TestEvent.Compute("cus_A", "r-1", InPeriod, "2").ToJson(), "accepted", null, "r-1"),
        Case(TestEvent.Compute("cus_A", "edge-future", AppHarness.Now.AddMinutes(5), "3").ToJson(), "accepted", null, "edge-future"),
        Case(new TestEvent("adjustment", InPeriod, "adj-1", ("customer", "cus_A"), ("amount", "-4.5")).ToJson(), "accepted", null, "adj-1"),
        Case(TestEvent.ApiCall("cus_A", "call-1", InPeriod).ToJson(), "accepted", null, "call-1"),
        Case(TestEvent.ApiCall("cus_A", new string('y', 100), InPeriod).ToJson(), "accepted", null, new string('y', 100)),
    ];

    public static int Count(string status) => All.Count(c => c.Status == status);

    private static ValidationCase Case(string json, string status, string? reason, string? identifier) => new(json, status, reason, identifier);
}
