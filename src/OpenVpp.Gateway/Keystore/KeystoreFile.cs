using System.Text.Json.Serialization;

namespace OpenVpp.Gateway.Keystore;

/// <summary>On-disk form of keystore.json (version 1). Holds private keys: the file is mode 0600.</summary>
internal sealed record KeystoreFile(int Version, IReadOnlyList<KeystoreFileEntry> Devices);

/// <summary>One device in keystore.json; keys as lowercase hex, the public key 0x-prefixed X || Y.</summary>
internal sealed record KeystoreFileEntry(
    string Name,
    string Kind,
    long NameplatePowerW,
    long CapacityWh,
    string Region,
    string Site,
    string DeviceId,
    string PublicKey,
    string PrivateKey);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(KeystoreFile))]
internal sealed partial class KeystoreJsonContext : JsonSerializerContext;
