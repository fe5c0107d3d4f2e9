namespace Billing.StripeEmulator.Persistence;

/// <summary>
/// The emulator cannot use its data folder: the state file is damaged or of another format, or
/// another emulator holds the folder. The emulator does not start and leaves the folder as it was;
/// the message names the file and what to do.
/// </summary>
public sealed class EmulatorStateException : Exception
{
    public EmulatorStateException()
    {
    }

    public EmulatorStateException(string message)
        : base(message)
    {
    }

    public EmulatorStateException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
