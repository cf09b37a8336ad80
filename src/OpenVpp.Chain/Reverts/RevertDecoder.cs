using System.Numerics;
using OpenVpp.Chain.Abi;

namespace OpenVpp.Chain.Reverts;

/// <summary>
/// Turns revert data into a <see cref="RevertReason"/>: the two errors the compiler itself emits, Error(string)
/// and Panic(uint256), plus the custom errors it is given (typically every error of the contracts in use).
/// Never throws on the data: whatever does not decode comes back as <see cref="RevertKind.Unknown"/>.
/// </summary>
public sealed class RevertDecoder
{
    /// <summary>Error(string): selector 0x08c379a0.</summary>
    public static AbiError ErrorString { get; } = AbiError.Parse("Error(string)");

    /// <summary>Panic(uint256): selector 0x4e487b71.</summary>
    public static AbiError Panic { get; } = AbiError.Parse("Panic(uint256)");

    private readonly Dictionary<uint, AbiError> _custom = [];

    /// <summary>Knows Error(string) and Panic(uint256), and the given custom errors.</summary>
    /// <exception cref="ArgumentException">Two different errors share a selector, so revert data would be ambiguous.</exception>
    public RevertDecoder(IEnumerable<AbiError>? customErrors = null)
    {
        foreach (var error in customErrors ?? [])
        {
            ArgumentNullException.ThrowIfNull(error);
            if (error.Signature == ErrorString.Signature || error.Signature == Panic.Signature)
            {
                continue;
            }

            var key = Key(error.Selector);
            if (_custom.TryGetValue(key, out var known) && known.Signature != error.Signature)
            {
                throw new ArgumentException($"{known.Signature} and {error.Signature} share selector 0x{key:x8}.", nameof(customErrors));
            }

            // The same error declared by several contracts (OpenZeppelin's, say) is one error.
            _custom[key] = error;
        }
    }

    /// <summary>Knows only Error(string) and Panic(uint256).</summary>
    public static RevertDecoder Default { get; } = new();

    /// <summary>The custom errors this decoder recognises.</summary>
    public IReadOnlyCollection<AbiError> CustomErrors => _custom.Values;

    public RevertReason Decode(ReadOnlySpan<byte> data)
    {
        var bytes = data.ToArray();
        if (data.IsEmpty)
        {
            return new RevertReason(RevertKind.Empty, null, [], "reverted without a reason", bytes);
        }

        if (data.Length < AbiFunction.SelectorLength)
        {
            return Unknown(bytes, $"{data.Length} byte(s) of revert data, too short for an error selector");
        }

        try
        {
            if (ErrorString.Matches(data))
            {
                var message = (string)ErrorString.Decode(data)[0]!;
                return new RevertReason(RevertKind.Error, "Error", [message], AbiValueFormatter.EscapeControl(message), bytes);
            }

            if (Panic.Matches(data))
            {
                var code = (BigInteger)Panic.Decode(data)[0]!;
                return new RevertReason(RevertKind.Panic, "Panic", [code], SolidityPanic.Format(code), bytes) { PanicCode = code };
            }

            if (_custom.TryGetValue(Key(data), out var custom))
            {
                var arguments = custom.Decode(data);
                var text = custom.Name + AbiValueFormatter.FormatList(custom.Inputs, arguments);
                return new RevertReason(RevertKind.Custom, custom.Name, arguments, text, bytes) { Error = custom };
            }
        }
        catch (AbiException e)
        {
            return Unknown(bytes, $"error 0x{Key(data):x8} with arguments that do not decode ({e.Message})");
        }

        return Unknown(bytes, $"unknown error 0x{Key(data):x8} with {data.Length - AbiFunction.SelectorLength} byte(s) of arguments");
    }

    private static RevertReason Unknown(byte[] data, string message) => new(RevertKind.Unknown, null, [], message, data);

    private static uint Key(ReadOnlySpan<byte> data) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data);
}
