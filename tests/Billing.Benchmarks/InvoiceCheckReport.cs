namespace Billing.Benchmarks;

/// <summary>The outcome of <see cref="InvoiceChecks"/>.</summary>
/// <param name="Expected">Invoices that should exist (two per subscription).</param>
/// <param name="Found">Invoices in the invoices table.</param>
/// <param name="CycleFound">Of those, cycle invoices.</param>
/// <param name="Checked">Expected invoices looked at.</param>
/// <param name="Lines">Lines of the invoices found and checked.</param>
/// <param name="Unexpected">Invoices found that should not exist.</param>
/// <param name="Problems">Everything that did not match.</param>
/// <param name="Examples">The first few problems, described.</param>
internal sealed record InvoiceCheckReport(long Expected, long Found, long CycleFound, long Checked, long Lines, long Unexpected, long Problems, IReadOnlyList<string> Examples)
{
    public bool AllCorrect => Problems == 0 && Found == Expected && Checked == Expected;
}
