using Billing.StripeEmulator.Control;
using Billing.StripeEmulator.Hosting;
using Billing.StripeEmulator.Idempotency;
using Billing.StripeEmulator.State;
using Billing.StripeEmulator.Webhooks;
using Microsoft.Extensions.Options;

namespace Billing.StripeEmulator.Persistence;

/// <summary>
/// Keeps the emulator's state in <see cref="StripeEmulatorOptions.DataDirectory"/> (see
/// <see cref="StateFile"/>); does nothing without one. <see cref="Open"/> loads the state at start.
/// Then every change is appended as one line, written to the operating system before the API answers
/// (so it survives the process being killed at any point) and flushed to disk within
/// <see cref="SyncInterval"/> and at stop (so a power loss costs at most that much). Changes are
/// collected by the <see cref="EmulatorStore"/> and written by <see cref="Commit"/> under its gate,
/// so the file holds them in the order they happened.
/// </summary>
internal sealed partial class EmulatorJournal(
    IOptions<StripeEmulatorOptions> options,
    EmulatorStore store,
    EventLog log,
    IdempotencyStore idempotency,
    WebhookQueue queue,
    EmulatorSettingsStore settings,
    TimeProvider time,
    ILogger<EmulatorJournal> logger) : IDisposable
{
    /// <summary>How long a change may sit in the operating system's cache before it is flushed to disk.</summary>
    public static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(1);

    private readonly object fileGate = new();
    private FileStream? lockFile;
    private FileStream? file;
    private ITimer? syncTimer;
    private bool unsynced;

    /// <summary>The state file; null when the state is kept in memory only.</summary>
    public string? FilePath { get; private set; }

    public bool Enabled => FilePath is not null;

    /// <summary>
    /// Takes the data folder (created when missing), loads its state file and rewrites it compactly,
    /// then queues the webhook deliveries that were pending at stop (sent once an endpoint is
    /// configured). Throws <see cref="EmulatorStateException"/>, leaving the folder as it was, when
    /// another emulator uses the folder or the file is damaged.
    /// </summary>
    public void Open()
    {
        var directory = options.Value.DataDirectory;
        if (directory is null || FilePath is not null)
        {
            return;
        }

        directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, StateFile.FileName);
        var lockPath = Path.Combine(directory, StateFile.LockFileName);
        try
        {
            lockFile = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new EmulatorStateException(
                $"Another Stripe emulator keeps its state in {directory} (it holds {lockPath}); stop it, or give StripeEmulator:DataDirectory another folder.", e);
        }

        try
        {
            lock (store.Gate)
            {
                if (File.Exists(path))
                {
                    Load(path);
                }

                StateFile.Rewrite(path, StateImage.Capture(store, log, idempotency));
                file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
                store.TracksChanges = true;
                FilePath = path;
            }
        }
        catch
        {
            lockFile.Dispose();
            lockFile = null;
            throw;
        }

        var pending = 0;
        foreach (var record in log.All().Where(e => e.DeliveryPending))
        {
            queue.Hold(record);
            pending++;
        }

        if (settings.Current.WebhookUrl is not null)
        {
            queue.ReleaseHeld();
        }

        syncTimer = time.CreateTimer(_ => Sync(), null, SyncInterval, SyncInterval);
        lock (store.Gate)
        {
            LogOpened(path, store.Customers.Count, store.Invoices.Count, log.All().Count, pending);
        }
    }

    /// <summary>
    /// Writes what the store recorded as changed since the last commit, and <paramref name="answered"/>
    /// (a request's saved response), as one line. Call after every change, before answering it.
    /// </summary>
    public void Commit(IdempotencyState? answered = null)
    {
        if (FilePath is null)
        {
            return;
        }

        lock (store.Gate)
        {
            var changes = store.TakeChanges();
            if (changes.IsEmpty && answered is null)
            {
                return;
            }

            Append(new StateEntry
            {
                Customers = NullIfEmpty(changes.Customers.Select(CustomerState.From)),
                Items = NullIfEmpty(changes.Items.Select(InvoiceItemState.From)),
                Invoices = NullIfEmpty(changes.Invoices.Select(InvoiceState.From)),
                DeletedInvoices = NullIfEmpty(changes.DeletedInvoices),
                // Attempts are written as they happen (Attempted), some perhaps before this line.
                Events = NullIfEmpty(changes.Events.Select(e => EventState.From(e) with { Attempts = [] })),
                Idempotency = answered is null ? null : [answered],
            });
        }
    }

    /// <summary>Everything was forgotten (<c>POST /_emulator/reset</c>). Hold the store's gate, so that no change lands before it.</summary>
    public void Reset()
    {
        if (FilePath is not null)
        {
            _ = store.TakeChanges();
            Append(new StateEntry { Reset = true });
        }
    }

    public void Attempted(EventRecord record, DeliveryAttempt attempt)
    {
        if (FilePath is not null)
        {
            Append(new StateEntry { Attempts = [new EventAttemptState(record.Id, AttemptState.From(attempt))] });
        }
    }

    public void GaveUp(EventRecord record)
    {
        if (FilePath is not null)
        {
            Append(new StateEntry { GaveUp = [record.Id] });
        }
    }

    public void Dispose()
    {
        syncTimer?.Dispose();
        lock (fileGate)
        {
            if (file is not null)
            {
                file.Flush(flushToDisk: true);
                file.Dispose();
                file = null;
            }

            lockFile?.Dispose();
            lockFile = null;
        }
    }

    private void Load(string path)
    {
        var entries = StateFile.Read(path, out var tornBytes);
        var image = new StateImage();
        foreach (var entry in entries)
        {
            image.Apply(entry);
        }

        try
        {
            image.LoadInto(store, log, idempotency);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            store.Clear();
            log.Clear();
            idempotency.Clear();
            throw StateFile.Damaged(path, entries.Count + 1, e.Message, e);
        }

        if (tornBytes > 0)
        {
            LogTornTail(path, tornBytes);
        }
    }

    private void Append(StateEntry entry)
    {
        var line = StateJson.Line(entry);
        lock (fileGate)
        {
            if (file is null)
            {
                return; // stopped: a delivery that finished after the emulator stopped is not recorded
            }

            file.Write(line);
            unsynced = true;
        }
    }

    private void Sync()
    {
        lock (fileGate)
        {
            if (file is not null && unsynced)
            {
                file.Flush(flushToDisk: true);
                unsynced = false;
            }
        }
    }

    private static List<T>? NullIfEmpty<T>(IEnumerable<T> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : list;
    }

    [LoggerMessage(EventId = 920, Level = LogLevel.Information, Message = "Stripe emulator state in {Path}: {Customers} customers, {Invoices} invoices, {Events} events, {Pending} webhook deliveries pending")]
    private partial void LogOpened(string path, int customers, int invoices, int events, int pending);

    [LoggerMessage(EventId = 921, Level = LogLevel.Warning, Message = "The last change in {Path} was cut short ({Bytes} bytes without their end of line, from a stop in the middle of a write); it is dropped, everything before it is kept")]
    private partial void LogTornTail(string path, int bytes);
}
