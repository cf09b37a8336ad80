namespace OpenVpp.Core.Accounts;

/// <summary>
/// An EVM account (20 bytes): where a device owner's OVPP rewards are paid. Written "0x" + 40 hex digits; letter
/// case is ignored (an EIP-55 checksum is not checked here, as the chain itself does not check one), and the text
/// form is always lower case so one account has one spelling in exports and logs. Ordered bytewise, which is the
/// order of the numeric value and of Solidity's address comparison, so sorted lists read the same everywhere.
/// <c>default</c> is the zero address.
/// </summary>
public readonly struct AccountAddress : IEquatable<AccountAddress>, IComparable<AccountAddress>
{
    public const int Length = 20;

    private const string Prefix = "0x";

    private static readonly byte[] ZeroBytes = new byte[Length];

    // Null only in default(AccountAddress), which reads as the zero address.
    private readonly byte[]? _bytes;

    public AccountAddress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"An account address is {Length} bytes, got {bytes.Length}.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    public ReadOnlySpan<byte> Bytes => _bytes ?? ZeroBytes;

    public byte[] ToArray() => Bytes.ToArray();

    public static AccountAddress Parse(string text) =>
        TryParse(text, out var address, out var problem)
            ? address
            : throw new FormatException($"'{text}' is not an account address: {problem}.");

    public static bool TryParse(string? text, out AccountAddress address) => TryParse(text, out address, out _);

    private static bool TryParse(string? text, out AccountAddress address, out string problem)
    {
        address = default;
        if (text is null)
        {
            problem = "no text";
            return false;
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            problem = $"expected {Prefix} followed by {Length * 2} hex digits";
            return false;
        }

        var hex = text.AsSpan(Prefix.Length);
        if (hex.Length != Length * 2)
        {
            problem = $"expected {Length * 2} hex digits after {Prefix}, got {hex.Length} characters";
            return false;
        }

        // Checked here rather than left to Convert.FromHexString so signs, spaces and the like get a precise message.
        for (var i = 0; i < hex.Length; i++)
        {
            if (!char.IsAsciiHexDigit(hex[i]))
            {
                problem = $"'{hex[i]}' at position {i + Prefix.Length} is not a hex digit";
                return false;
            }
        }

        address = new AccountAddress(Convert.FromHexString(hex));
        problem = string.Empty;
        return true;
    }

    public bool Equals(AccountAddress other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is AccountAddress other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Bytes);
        return hash.ToHashCode();
    }

    public int CompareTo(AccountAddress other) => Bytes.SequenceCompareTo(other.Bytes);

    public override string ToString() => Prefix + Convert.ToHexStringLower(Bytes);

    public static bool operator ==(AccountAddress left, AccountAddress right) => left.Equals(right);

    public static bool operator !=(AccountAddress left, AccountAddress right) => !left.Equals(right);

    public static bool operator <(AccountAddress left, AccountAddress right) => left.CompareTo(right) < 0;

    public static bool operator <=(AccountAddress left, AccountAddress right) => left.CompareTo(right) <= 0;

    public static bool operator >(AccountAddress left, AccountAddress right) => left.CompareTo(right) > 0;

    public static bool operator >=(AccountAddress left, AccountAddress right) => left.CompareTo(right) >= 0;
}
