namespace Billing.LocalHost;

/// <summary>An exception in one line, for a log message that a console shows (the full exception goes with the entry).</summary>
internal static class ErrorText
{
    /// <returns>E.g. <c>XmlException: Root element is missing.</c>; only the first line of the message (a storage error's carries its headers).</returns>
    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        var end = message.IndexOfAny(['\r', '\n']);
        return $"{exception.GetType().Name}: {(end < 0 ? message : message[..end])}";
    }
}
