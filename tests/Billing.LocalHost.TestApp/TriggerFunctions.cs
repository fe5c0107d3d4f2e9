using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Azure.Functions.Worker;

namespace Billing.LocalHost.TestApp;

/// <summary>Blob, queue and timer functions that do what their input says (<see cref="Commands"/>) and record what they got.</summary>
public sealed class TriggerFunctions(Recorder recorder, Gates gates)
{
    [Function("Inbox")]
    public async Task Inbox(
        [BlobTrigger("%TestApp:Container%/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        string name,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(context);
        using var properties = JsonDocument.Parse((string)context.BindingContext.BindingData["Properties"]!);
        var etag = properties.RootElement.GetProperty("ETag").GetString()!;
        var content = await blob.DownloadContentAsync(new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag(etag) } }, cancellationToken).ConfigureAwait(false);
        var command = content.Value.Content.ToString();
        recorder.Add($"blob {name} {etag} {command} try={context.RetryContext.RetryCount + 1} trigger={context.BindingContext.BindingData["BlobTrigger"]}");
        await Commands.RunAsync(command, gates, cancellationToken).ConfigureAwait(false);
        recorder.Add($"blob done {name} {command}");
    }

    [Function("Work")]
    public async Task Work([QueueTrigger("%TestApp:Queue%")] WorkItem item, long dequeueCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        recorder.Add($"queue {item.Id} {item.Command} dequeue={dequeueCount}");
        await Commands.RunAsync(item.Command, gates, cancellationToken).ConfigureAwait(false);
        recorder.Add($"queue done {item.Id}");
    }

    [Function("Tick")]
    public void Tick([TimerTrigger("%TestApp:TickSchedule%")] TimerInfo timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        recorder.Add($"tick pastDue={timer.IsPastDue}");
    }
}

/// <summary>A queue message of <c>work-items</c> (JSON).</summary>
public sealed record WorkItem(string Id, string Command);
