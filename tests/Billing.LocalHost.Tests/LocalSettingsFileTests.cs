using Billing.LocalDev;
using Billing.LocalDev.Settings;
using Billing.LocalDev.Azurite;
using System.Text.Json;

namespace Billing.LocalHost.Tests;

/// <summary>local.settings.json as Core Tools' workflow has it: created from the sample, with a host key generated once.</summary>
public sealed class LocalSettingsFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("billing-settings-").FullName;

    [Fact]
    public void LoadOrCreate_NoFile_CopiesTheSampleAndAddsAHostKeyOnce()
    {
        File.WriteAllText(Path.Combine(directory, "local.settings.sample.json"), """{"IsEncrypted": false, "Values": {"AzureWebJobsStorage": "UseDevelopmentStorage=true", "Billing__GracePeriod": "01:00:00"}}""");

        var first = LocalSettingsFile.LoadOrCreate(directory);
        var second = LocalSettingsFile.LoadOrCreate(directory);

        Assert.Equal("UseDevelopmentStorage=true", first["AzureWebJobsStorage"]);
        Assert.Equal("01:00:00", first["Billing__GracePeriod"]);
        var key = first[LocalSettingsFile.HostKeySetting];
        Assert.True(key is { Length: >= 40 }, key);
        Assert.Equal(key, second[LocalSettingsFile.HostKeySetting]);
        using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "local.settings.json")));
        Assert.Equal(key, written.RootElement.GetProperty("Values").GetProperty("FunctionsHostKey").GetString());
        Assert.False(written.RootElement.GetProperty("IsEncrypted").GetBoolean());
    }

    [Fact]
    public void LoadOrCreate_ExistingKey_IsKept()
    {
        File.WriteAllText(Path.Combine(directory, "local.settings.json"), """{"Values": {"FunctionsHostKey": "mine"}}""");

        Assert.Equal("mine", LocalSettingsFile.LoadOrCreate(directory)[LocalSettingsFile.HostKeySetting]);
    }

    [Fact]
    public void LoadOrCreate_ExistingFileWithoutAPortalKey_AddsOneOnceAndKeepsTheHostKey()
    {
        // A local.settings.json from before the portal: the key is added, so portal links work with nothing to set.
        File.WriteAllText(Path.Combine(directory, "local.settings.json"), """{"Values": {"FunctionsHostKey": "mine", "Portal__SigningKey": ""}}""");

        var first = LocalSettingsFile.LoadOrCreate(directory);
        var second = LocalSettingsFile.LoadOrCreate(directory);

        Assert.Equal("mine", first[LocalSettingsFile.HostKeySetting]);
        var key = first[LocalSettingsFile.PortalSigningKeySetting];
        Assert.True(key is { Length: >= 40 }, key);
        Assert.Equal(key, second[LocalSettingsFile.PortalSigningKeySetting]);
        using var written = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "local.settings.json")));
        Assert.Equal(key, written.RootElement.GetProperty("Values").GetProperty("Portal__SigningKey").GetString());
    }

    [Fact]
    public void Prepare_WithInitialize_AdaptsTheSampleOnCreationOnly()
    {
        File.WriteAllText(Path.Combine(directory, "local.settings.sample.json"), """{"IsEncrypted": false, "Values": {"Billing__CatalogPath": "samples/catalog.json"}}""");
        var calls = 0;

        var created = LocalSettingsFile.Prepare(directory, values =>
        {
            calls++;
            values["Billing__CatalogPath"] = ".billing/catalog.json";
        });
        var again = LocalSettingsFile.Prepare(directory, values => calls++);

        Assert.Equal(1, calls);
        Assert.True(created.Created);
        Assert.False(again.Created);
        Assert.Equal(".billing/catalog.json", created.Values["Billing__CatalogPath"]);
        Assert.Equal(".billing/catalog.json", again.Values["Billing__CatalogPath"]);
        Assert.Equal(created.Values[LocalSettingsFile.HostKeySetting], again.Values[LocalSettingsFile.HostKeySetting]);
    }

    [Fact]
    public void Prepare_InitializeThrows_WritesNoFile()
    {
        File.WriteAllText(Path.Combine(directory, "local.settings.sample.json"), """{"IsEncrypted": false, "Values": {}}""");

        Assert.Throws<IOException>(() => LocalSettingsFile.Prepare(directory, _ => throw new IOException("catalog unreadable")));

        Assert.False(File.Exists(Path.Combine(directory, "local.settings.json")));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
