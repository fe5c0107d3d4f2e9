using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace Billing.LocalHost.TestApp;

/// <summary>
/// What the functions saw, for in-process tests to assert on; also appended, one line each, to
/// <c>records.txt</c> under the setting <c>TestApp:RecordDirectory</c> when it is set, for tests
/// of a host process.
/// </summary>
public sealed class Recorder(IConfiguration configuration)
{
    private static readonly Lock FileLock = new();
    private readonly ConcurrentQueue<string> entries = new();
    private readonly string? file = configuration["TestApp:RecordDirectory"] is { Length: > 0 } directory ? Path.Combine(directory, "records.txt") : null;

    public IReadOnlyList<string> Entries => entries.ToArray();

    public void Add(string entry)
    {
        entries.Enqueue(entry);
        if (file is not null)
        {
            lock (FileLock)
            {
                File.AppendAllText(file, entry + "\n");
            }
        }
    }
}
