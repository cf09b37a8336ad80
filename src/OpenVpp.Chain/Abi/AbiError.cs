using OpenVpp.Core.Crypto;

namespace OpenVpp.Chain.Abi;

/// <summary>
/// A Solidity custom error (<c>error NothingToClaim(address, uint256, uint256)</c>). A revert with it carries the
/// selector, the first 4 bytes of keccak256 of the canonical signature, followed by the ABI-encoded arguments,
/// exactly like a function call.
/// </summary>
public sealed class AbiError
{
    private readonly byte[] _selector;

    public AbiError(string name, IReadOnlyList<AbiType> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Name = AbiSignature.RequireIdentifier(name);
        Inputs = [.. inputs];
        Signature = AbiSignature.Format(Name, Inputs);
        _selector = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(Signature))[..AbiFunction.SelectorLength];
    }

    public string Name { get; }

    public IReadOnlyList<AbiType> Inputs { get; }

    /// <summary>The canonical signature that is hashed, e.g. <c>NothingToClaim(address,uint256,uint256)</c>.</summary>
    public string Signature { get; }

    /// <summary>A fresh copy each call so callers cannot alter the error's own selector.</summary>
    public byte[] Selector => [.. _selector];

    /// <summary>Parses a human-readable signature with canonical types, e.g. <c>NothingToClaim(address,uint256,uint256)</c>.</summary>
    public static AbiError Parse(string signature)
    {
        var (name, inputs) = AbiSignature.Parse(signature);
        return new AbiError(name, inputs);
    }

    /// <summary>Whether revert data starts with this error's selector.</summary>
    public bool Matches(ReadOnlySpan<byte> revertData) =>
        revertData.Length >= AbiFunction.SelectorLength && revertData[..AbiFunction.SelectorLength].SequenceEqual(_selector);

    /// <summary>The revert data a contract produces for these arguments: selector, then the encoded arguments.</summary>
    public byte[] Encode(params object?[] arguments)
    {
        var encoded = AbiEncoder.EncodeParameters(Inputs, arguments);
        var data = new byte[AbiFunction.SelectorLength + encoded.Length];
        _selector.CopyTo(data, 0);
        encoded.CopyTo(data, AbiFunction.SelectorLength);
        return data;
    }

    /// <summary>Decodes revert data into one value per input after checking the selector.</summary>
    public object?[] Decode(ReadOnlySpan<byte> revertData) =>
        Matches(revertData)
            ? AbiDecoder.DecodeParameters(Inputs, revertData[AbiFunction.SelectorLength..])
            : throw new AbiException($"Revert data does not start with the selector of {Signature}.");
}
