using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using OpenVpp.Core.Crypto;

namespace OpenVpp.Chain.Crypto;

/// <summary>
/// A 20-byte Ethereum account address. Held as three integers rather than an array so that equality, hashing and
/// copies are by value and free of allocation; <see cref="ToString"/> gives the EIP-55 checksummed form.
/// </summary>
public readonly record struct EthAddress
{
    public const int Length = 20;

    private readonly ulong _high;
    private readonly ulong _middle;
    private readonly uint _low;

    public EthAddress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"An address is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }

        _high = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _middle = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _low = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    /// <summary>The address of an uncompressed public key given as X || Y (64 bytes): keccak256(X || Y)[12..].</summary>
    public static EthAddress FromPublicKey(ReadOnlySpan<byte> publicKeyXY)
    {
        if (publicKeyXY.Length != 64)
        {
            throw new ArgumentException("A public key here is the 64 bytes X || Y, without the 0x04 prefix.", nameof(publicKeyXY));
        }

        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.Hash(publicKeyXY, hash);
        return new EthAddress(hash[12..]);
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _middle);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _low);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>
    /// Parses "0x" + 40 hex digits. All-lower and all-upper digits are accepted as unchecksummed; mixed case must
    /// match the EIP-55 checksum, because a mixed-case address that fails it is most likely mistyped.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out EthAddress address)
    {
        address = default;
        if (text is null || text.Length != 2 + (2 * Length) || !text.StartsWith("0x", StringComparison.Ordinal))
        {
            return false;
        }

        var digits = text.AsSpan(2);
        Span<byte> bytes = stackalloc byte[Length];
        if (Convert.FromHexString(digits, bytes, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != Length)
        {
            return false;
        }

        var parsed = new EthAddress(bytes);
        var hasLower = digits.ContainsAnyInRange('a', 'f');
        var hasUpper = digits.ContainsAnyInRange('A', 'F');
        if (hasLower && hasUpper && !digits.SequenceEqual(parsed.ToString().AsSpan(2)))
        {
            return false;
        }

        address = parsed;
        return true;
    }

    public static EthAddress Parse(string text) =>
        TryParse(text, out var address)
            ? address
            : throw new FormatException($"'{text}' is not a 0x-prefixed 20-byte address with a valid EIP-55 checksum.");

    /// <summary>EIP-55: a hex letter is upper case where the matching nibble of keccak256(lower-case hex) is 8 or more.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        WriteTo(bytes);
        Span<char> hex = stackalloc char[2 * Length];
        Convert.TryToHexStringLower(bytes, hex, out _);
        Span<byte> ascii = stackalloc byte[2 * Length];
        for (var i = 0; i < hex.Length; i++)
        {
            ascii[i] = (byte)hex[i];
        }

        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.Hash(ascii, hash);
        for (var i = 0; i < hex.Length; i++)
        {
            var nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 0x0f;
            if (hex[i] >= 'a' && nibble >= 8)
            {
                hex[i] = (char)(hex[i] - ('a' - 'A'));
            }
        }

        return string.Concat("0x", hex);
    }
}
