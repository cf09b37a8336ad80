using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Adapters;

namespace OpenVpp.Gateway.Keystore;

/// <summary>A device with its key pair, loaded from the keystore. Signs on the device's behalf; never logs the key.</summary>
public sealed class DeviceIdentity : IDisposable
{
    private readonly P256DeviceKey _key;

    internal DeviceIdentity(DeviceDescriptor descriptor, P256DeviceKey key)
    {
        Descriptor = descriptor;
        _key = key;
    }

    public DeviceDescriptor Descriptor { get; }

    public string Name => Descriptor.Name;

    /// <summary>Derived from the public key (keccak256, last 20 bytes).</summary>
    public DeviceId Id => _key.Id;

    /// <summary>Uncompressed P-256 public key X || Y, 64 bytes.</summary>
    public ReadOnlySpan<byte> PublicKey => _key.PublicKey;

    public string PublicKeyHex => "0x" + Convert.ToHexStringLower(_key.PublicKey);

    public void Sign(ReadOnlySpan<byte> message, Span<byte> signature) => _key.Sign(message, signature);

    public void Dispose() => _key.Dispose();

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Id})";
}
