namespace Billing.StripeEmulator.Tests.Support;

/// <summary>A folder of its own under the temp directory for one test's data; deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "stripe-emulator-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The emulator's state file in this folder.</summary>
    public string StateFile => System.IO.Path.Combine(Path, Billing.StripeEmulator.Persistence.StateFile.FileName);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
