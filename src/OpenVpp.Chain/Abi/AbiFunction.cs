using OpenVpp.Core.Crypto;

namespace OpenVpp.Chain.Abi;

/// <summary>
/// A contract function: its selector (first 4 bytes of keccak256 of the canonical signature), call-data encoding
/// and return-data decoding.
/// </summary>
public sealed class AbiFunction
{
    public const int SelectorLength = 4;

    private readonly byte[] _selector;

    public AbiFunction(string name, IReadOnlyList<AbiType> inputs, IReadOnlyList<AbiType>? outputs = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Name = AbiSignature.RequireIdentifier(name);
        Inputs = [.. inputs];
        Outputs = outputs is null ? [] : [.. outputs];
        Signature = AbiSignature.Format(Name, Inputs);
        _selector = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(Signature))[..SelectorLength];
    }

    public string Name { get; }

    public IReadOnlyList<AbiType> Inputs { get; }

    public IReadOnlyList<AbiType> Outputs { get; }

    /// <summary>The canonical signature that is hashed, e.g. <c>transfer(address,uint256)</c>.</summary>
    public string Signature { get; }

    /// <summary>A fresh copy each call so callers cannot alter the function's own selector.</summary>
    public byte[] Selector => [.. _selector];

    /// <summary>Parses <c>name(T1,...)</c> and, optionally, return types written as a list <c>(R1,...)</c>.</summary>
    public static AbiFunction Parse(string signature, string? returns = null)
    {
        var (name, inputs) = AbiSignature.Parse(signature);
        return new AbiFunction(name, inputs, returns is null ? null : AbiTypeParser.ParseList(returns));
    }

    /// <summary>Selector followed by the encoded arguments.</summary>
    public byte[] EncodeCall(params object?[] arguments)
    {
        var encoded = AbiEncoder.EncodeParameters(Inputs, arguments);
        var call = new byte[SelectorLength + encoded.Length];
        _selector.CopyTo(call, 0);
        encoded.CopyTo(call, SelectorLength);
        return call;
    }

    /// <summary>Decodes call data back into arguments after checking that it starts with this function's selector.</summary>
    public object?[] DecodeCall(ReadOnlySpan<byte> callData)
    {
        if (callData.Length < SelectorLength || !callData[..SelectorLength].SequenceEqual(_selector))
        {
            throw new AbiException($"Call data does not start with the selector of {Signature}.");
        }

        return AbiDecoder.DecodeParameters(Inputs, callData[SelectorLength..]);
    }

    /// <summary>Decodes what the function returned (no selector) into one value per output.</summary>
    public object?[] DecodeReturn(ReadOnlySpan<byte> returnData) => AbiDecoder.DecodeParameters(Outputs, returnData);
}
