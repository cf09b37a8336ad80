using OpenVpp.Core.Crypto;

namespace OpenVpp.Core.Devices;

/// <summary>
/// A device's network identity: the last 20 bytes of keccak256 over its uncompressed P-256 public key (X || Y),
/// the same derivation Ethereum uses for addresses, so the id can key the on-chain registry directly.
/// </summary>
public readonly record struct DeviceId
{
    public const int Length = 20;

    private readonly ReadOnlyMemory<byte> _bytes;

    public DeviceId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A device id is {Length} bytes, got {bytes.Length}.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    public ReadOnlySpan<byte> Bytes => _bytes.Span;

    public static DeviceId FromPublicKey(ReadOnlySpan<byte> publicKeyXy)
    {
        if (publicKeyXy.Length != 64)
        {
            throw new ArgumentException("A P-256 public key is 64 bytes (X || Y).", nameof(publicKeyXy));
        }

        Span<byte> hash = stackalloc byte[32];
        Keccak256.Hash(publicKeyXy, hash);
        return new DeviceId(hash[12..]);
    }

    public static DeviceId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a device id (0x followed by 40 hex digits).");

    public static bool TryParse(string? text, out DeviceId id)
    {
        id = default;
        if (text is null)
        {
            return false;
        }

        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (hex.Length != Length * 2)
        {
            return false;
        }

        // Exactly 40 hex digits: no signs, no white space, so each id has one spelling apart from letter case.
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        var bytes = Convert.FromHexString(hex);
        id = new DeviceId(bytes);
        return true;
    }

    public bool Equals(DeviceId other) => Bytes.SequenceEqual(other.Bytes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    public override string ToString() => "0x" + Convert.ToHexStringLower(Bytes);
}
