using System.Security.Cryptography;
using System.Text.Json;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Adapters;

namespace OpenVpp.Gateway.Keystore;

/// <summary>
/// keystore.json: one key pair per device, created by the gateway, readable by its owner only. Keys are never
/// replaced: a device keeps its key, and so its id, for as long as the file lives. Entries of devices no adapter
/// reports any more are kept too, so a device that comes back has the same identity.
/// </summary>
public sealed class DeviceKeystore : IDisposable
{
    public const string FileName = "keystore.json";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly Dictionary<string, DeviceIdentity> _byName;

    private DeviceKeystore(string path, List<DeviceIdentity> devices, int created)
    {
        Path = path;
        Devices = devices;
        Created = created;
        _byName = devices.ToDictionary(d => d.Name, StringComparer.Ordinal);
    }

    public string Path { get; }

    /// <summary>Every device in the file, in file order.</summary>
    public IReadOnlyList<DeviceIdentity> Devices { get; }

    /// <summary>How many keys this load created.</summary>
    public int Created { get; }

    public DeviceIdentity? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Opens an existing keystore; refuses one that others can read.</summary>
    public static DeviceKeystore Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new KeystoreException($"No keystore at {path}: start the gateway once to create it.");
        }

        return new DeviceKeystore(path, [.. Read(path).Select(ToIdentity)], 0);
    }

    /// <summary>
    /// Opens the keystore at <paramref name="path"/> (creating it when missing) and adds a fresh key pair for every
    /// device that has none. Descriptive fields (kind, nameplate, region, site) follow the adapter; keys never change.
    /// </summary>
    public static DeviceKeystore LoadOrCreate(string path, IEnumerable<DeviceDescriptor> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var entries = File.Exists(path) ? [.. Read(path)] : new List<KeystoreFileEntry>();
        var index = entries.Select((e, i) => (e.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var created = 0;
        var changed = !File.Exists(path);
        foreach (var device in devices)
        {
            if (index.TryGetValue(device.Name, out var i))
            {
                var existing = entries[i];
                var updated = existing with
                {
                    Kind = device.Kind.ToWire(),
                    NameplatePowerW = device.NameplatePowerW,
                    CapacityWh = device.CapacityWh,
                    Region = device.Region,
                    Site = device.Site,
                };
                if (updated != existing)
                {
                    entries[i] = updated;
                    changed = true;
                }

                continue;
            }

            using var key = P256DeviceKey.Create();
            var privateKey = key.ExportPrivateKey();
            try
            {
                entries.Add(new KeystoreFileEntry(
                    device.Name,
                    device.Kind.ToWire(),
                    device.NameplatePowerW,
                    device.CapacityWh,
                    device.Region,
                    device.Site,
                    key.Id.ToString(),
                    "0x" + Convert.ToHexStringLower(key.PublicKey),
                    Convert.ToHexStringLower(privateKey)));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(privateKey);
            }

            index[device.Name] = entries.Count - 1;
            created++;
            changed = true;
        }

        if (changed)
        {
            Write(path, entries);
        }

        return new DeviceKeystore(path, [.. entries.Select(ToIdentity)], created);
    }

    public void Dispose()
    {
        foreach (var device in Devices)
        {
            device.Dispose();
        }
    }

    private static List<KeystoreFileEntry> Read(string path)
    {
        EnsureOwnerOnly(path);
        KeystoreFile? file;
        try
        {
            var json = File.ReadAllBytes(path);
            file = JsonSerializer.Deserialize(json, KeystoreJsonContext.Default.KeystoreFile);
        }
        catch (JsonException e)
        {
            // The exception text can quote file content, which holds private keys: do not pass it on.
            throw new KeystoreException(
                $"{path} is not a valid keystore (JSON error at line {e.LineNumber}); restore it from a backup. Deleting it gives every device a new identity.");
        }

        if (file is null || file.Version != 1 || file.Devices is null)
        {
            throw new KeystoreException($"{path} is not a version-1 keystore; restore it from a backup.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in file.Devices)
        {
            if (string.IsNullOrEmpty(entry.Name) || !names.Add(entry.Name))
            {
                throw new KeystoreException($"{path} has a device with an empty or repeated name ('{entry.Name}'); fix or restore the file.");
            }
        }

        return [.. file.Devices];
    }

    private static void EnsureOwnerOnly(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOther) != 0)
        {
            var octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
            throw new KeystoreException(
                $"{System.IO.Path.GetFileName(path)} is readable by others (mode {octal}); it holds device private keys. " +
                $"Run chmod 600 {path} (and check who may have copied it) before starting the gateway.");
        }
    }

    private static DeviceIdentity ToIdentity(KeystoreFileEntry entry)
    {
        if (!DeviceKindNames.TryParse(entry.Kind, out var kind))
        {
            throw new KeystoreException($"Device '{entry.Name}' in the keystore has unknown kind '{entry.Kind}'.");
        }

        var privateKey = ParseHex(entry.PrivateKey, 32, entry.Name, "private key");
        P256DeviceKey key;
        try
        {
            key = P256DeviceKey.FromPrivateKey(privateKey);
        }
        catch (CryptographicException)
        {
            throw new KeystoreException($"Device '{entry.Name}' has a private key that is not a valid P-256 key; restore the keystore from a backup.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }

        var publicKey = ParseHex(entry.PublicKey, 64, entry.Name, "public key");
        if (!publicKey.AsSpan().SequenceEqual(key.PublicKey) || !DeviceId.TryParse(entry.DeviceId, out var id) || id != key.Id)
        {
            key.Dispose();
            throw new KeystoreException(
                $"Device '{entry.Name}': the stored public key or device id does not match its private key; the keystore was edited or damaged. Restore it from a backup.");
        }

        return new DeviceIdentity(
            new DeviceDescriptor(entry.Name, kind, entry.NameplatePowerW, entry.CapacityWh, entry.Region, entry.Site), key);
    }

    private static byte[] ParseHex(string? text, int length, string device, string what)
    {
        var hex = text is not null && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex is null || hex.Length != length * 2 || !hex.All(char.IsAsciiHexDigit))
        {
            throw new KeystoreException($"Device '{device}' has a malformed {what} (expected {length} bytes of hex); restore the keystore from a backup.");
        }

        return Convert.FromHexString(hex);
    }

    private static void Write(string path, List<KeystoreFileEntry> entries)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = System.IO.Path.Combine(directory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            // The mode is set at creation, so the secret is never in a file others can open, even briefly.
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                JsonSerializer.Serialize(stream, new KeystoreFile(1, entries), KeystoreJsonContext.Default.KeystoreFile);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                // The umask could have narrowed the create mode further; never wider. Pin it to exactly 0600.
                File.SetUnixFileMode(temp, OwnerOnly);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
