namespace Billing.LocalHost.Metadata;

/// <summary>A malformed <c>host.json</c> or <c>functions.metadata</c>; the message names the file and the field.</summary>
public sealed class FunctionAppModelException : Exception
{
    public FunctionAppModelException(string file, string field, string problem)
        : base($"{file}: {field}: {problem}")
    {
        File = file;
        Field = field;
    }

    public FunctionAppModelException()
    {
        File = string.Empty;
        Field = string.Empty;
    }

    public FunctionAppModelException(string message)
        : base(message)
    {
        File = string.Empty;
        Field = string.Empty;
    }

    public FunctionAppModelException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Field = string.Empty;
    }

    /// <summary>The file at fault, as a path.</summary>
    public string File { get; }

    /// <summary>The JSON path of the field at fault, e.g. <c>[2].bindings[0].schedule</c>.</summary>
    public string Field { get; }
}
