using Azure;

namespace Billing.Storage.Calls;

/// <summary>
/// A storage request got no answer within <see cref="StorageCallOptions.CallTimeout"/>: every try
/// timed out or failed on the network. Whether a write was applied is unknown. A
/// <see cref="RequestFailedException"/> of status 0, as the SDK reports a request without a response.
/// </summary>
public sealed class StorageUnavailableException : RequestFailedException
{
    public StorageUnavailableException(string message, Exception? innerException)
        : base(0, message, innerException)
    {
    }
}
