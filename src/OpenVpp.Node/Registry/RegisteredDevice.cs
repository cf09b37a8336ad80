using System.Security.Cryptography;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;

namespace OpenVpp.Node.Registry;

/// <summary>
/// A registered device with its imported public key. ECDsa instances are not documented as thread-safe, so
/// verifiers rent one from a small lock-free pool: parallel verification of one device's readings imports at most
/// a few extra keys instead of serialising on a lock.
/// </summary>
internal sealed class RegisteredDevice
{
    private readonly ECDsa?[] _pool = new ECDsa?[Math.Clamp(Environment.ProcessorCount, 1, 8)];

    public RegisteredDevice(DeviceRecord record)
    {
        Record = record;
        // Imported once up front: registration already proved the key is on the curve.
        _pool[0] = P256Signature.ImportPublicKey(record.PublicKey);
    }

    public DeviceRecord Record { get; }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        var key = Rent();
        try
        {
            return P256Signature.Verify(key, message, signature);
        }
        finally
        {
            Return(key);
        }
    }

    private ECDsa Rent()
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Volatile.Read(ref _pool[i]) is not null && Interlocked.Exchange(ref _pool[i], null) is { } key)
            {
                return key;
            }
        }

        return P256Signature.ImportPublicKey(Record.PublicKey);
    }

    private void Return(ECDsa key)
    {
        for (var i = 0; i < _pool.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _pool[i], key, null) is null)
            {
                return;
            }
        }

        key.Dispose();
    }
}
