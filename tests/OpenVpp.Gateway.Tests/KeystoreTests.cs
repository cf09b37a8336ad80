using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Keystore;
using OpenVpp.Gateway.Tests.Support;

namespace OpenVpp.Gateway.Tests;

public sealed class KeystoreTests : IDisposable
{
    private readonly TempDir _dir = new();

    private static DeviceDescriptor Device(int i) =>
        new($"home-{i:D4}/battery", DeviceKind.Battery, 5_000, 10_000, "nl-north", $"home-{i:D4}");

    private string KeystorePath => _dir.File(DeviceKeystore.FileName);

    [Fact]
    public void Creates_keystore_readable_and_writable_by_its_owner_only()
    {
        using var keystore = DeviceKeystore.LoadOrCreate(KeystorePath, [Device(1), Device(2)]);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeystorePath));
        Assert.Equal(2, keystore.Created);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
    }

    [Fact]
    public void Refuses_a_keystore_that_others_can_read()
    {
        DeviceKeystore.LoadOrCreate(KeystorePath, [Device(1)]).Dispose();
        File.SetUnixFileMode(KeystorePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<KeystoreException>(() => DeviceKeystore.LoadOrCreate(KeystorePath, [Device(1)]));

        Assert.Contains("readable by others (mode 0644)", error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_keystore_that_its_group_can_write()
    {
        DeviceKeystore.LoadOrCreate(KeystorePath, [Device(1)]).Dispose();
        File.SetUnixFileMode(KeystorePath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupWrite);

        Assert.Throws<KeystoreException>(() => DeviceKeystore.Open(KeystorePath));
    }

    [Fact]
    public void Keeps_every_key_across_reloads_and_only_adds_keys_for_new_devices()
    {
        string[] first;
        using (var keystore = DeviceKeystore.LoadOrCreate(KeystorePath, [Device(1), Device(2)]))
        {
            first = [.. keystore.Devices.Select(d => d.PublicKeyHex)];
        }

        using var reloaded = DeviceKeystore.LoadOrCreate(KeystorePath, [Device(2), Device(3), Device(1)]);

        Assert.Equal(1, reloaded.Created);
        Assert.Equal(first[0], reloaded.Find(Device(1).Name)!.PublicKeyHex);
        Assert.Equal(first[1], reloaded.Find(Device(2).Name)!.PublicKeyHex);
        Assert.NotNull(reloaded.Find(Device(3).Name));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeystorePath));
    }

    [Fact]
    public void Keeps_keys_of_devices_no_adapter_reports_any_more()
    {
        DeviceKeystore.LoadOrCreate(KeystorePath, [Device(1), Device(2)]).Dispose();

        using var reloaded = DeviceKeystore.LoadOrCreate(KeystorePath, [Device(2)]);

        Assert.NotNull(reloaded.Find(Device(1).Name));
    }

    [Fact]
    public void Device_id_is_derived_from_the_public_key()
    {
        using var keystore = DeviceKeystore.LoadOrCreate(KeystorePath, [Device(1)]);
        var device = keystore.Devices[0];

        Assert.Equal(DeviceId.FromPublicKey(device.PublicKey), device.Id);
        Assert.Contains(device.Id.ToString(), File.ReadAllText(KeystorePath), StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_keystore_whose_public_key_does_not_match_its_private_key()
    {
        string otherPublicKey;
        using (var other = DeviceKeystore.LoadOrCreate(_dir.File("other.json"), [Device(9)]))
        {
            otherPublicKey = other.Devices[0].PublicKeyHex;
        }

        using (var keystore = DeviceKeystore.LoadOrCreate(KeystorePath, [Device(1)]))
        {
            var text = File.ReadAllText(KeystorePath).Replace(keystore.Devices[0].PublicKeyHex, otherPublicKey, StringComparison.Ordinal);
            File.WriteAllText(KeystorePath, text);
        }

        var error = Assert.Throws<KeystoreException>(() => DeviceKeystore.Open(KeystorePath));
        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
