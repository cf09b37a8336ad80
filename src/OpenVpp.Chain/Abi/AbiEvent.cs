using OpenVpp.Core.Crypto;

namespace OpenVpp.Chain.Abi;

/// <summary>
/// A contract event: topic0 is keccak256 of the canonical signature (indexed or not is not part of it), indexed
/// parameters are read from topics 1..n, the others are ABI-decoded from the log data. Anonymous events are not
/// modelled (they have no topic0 and cannot be recognised by signature).
/// </summary>
public sealed class AbiEvent
{
    private const string IndexedSuffix = " indexed";

    private readonly byte[] _topic0;

    public AbiEvent(string name, IReadOnlyList<AbiEventParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Name = AbiSignature.RequireIdentifier(name);
        Parameters = [.. parameters];
        if (Parameters.Count(p => p.Indexed) > 3)
        {
            throw new AbiException($"Event {name} has more than 3 indexed parameters.");
        }

        Signature = AbiSignature.Format(Name, Parameters.Select(p => p.Type));
        _topic0 = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(Signature));
    }

    public string Name { get; }

    public IReadOnlyList<AbiEventParameter> Parameters { get; }

    /// <summary>The canonical signature that is hashed, e.g. <c>Transfer(address,address,uint256)</c>.</summary>
    public string Signature { get; }

    /// <summary>keccak256(Signature); a fresh copy each call.</summary>
    public byte[] Topic0 => [.. _topic0];

    /// <summary>Parses <c>Name(T1 indexed,T2,...)</c>: canonical types, each optionally followed by " indexed".</summary>
    public static AbiEvent Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var flags = new List<bool>();
        var stripped = new System.Text.StringBuilder();
        var depth = 0;
        for (var i = 0; i < signature.Length; i++)
        {
            if (string.CompareOrdinal(signature, i, IndexedSuffix, 0, IndexedSuffix.Length) == 0 && depth == 1)
            {
                flags[^1] = true;
                i += IndexedSuffix.Length - 1;
                continue;
            }

            var c = signature[i];
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if ((c == '(' && depth == 1) || (c == ',' && depth == 1))
            {
                flags.Add(false);
            }

            stripped.Append(c);
        }

        var (name, types) = AbiSignature.Parse(stripped.ToString());
        return new AbiEvent(name, [.. types.Select((t, i) => new AbiEventParameter(t, flags[i]))]);
    }

    /// <summary>
    /// Decodes a log into one value per parameter, in declaration order. Indexed value types come back as values;
    /// indexed bytes, string, arrays and tuples come back as their 32-byte keccak hash, which is all the log holds.
    /// </summary>
    public object?[] DecodeLog(IReadOnlyList<byte[]> topics, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var indexedCount = Parameters.Count(p => p.Indexed);
        if (topics.Count != indexedCount + 1)
        {
            throw new AbiException($"{Signature} has {indexedCount} indexed parameters, so {indexedCount + 1} topics; got {topics.Count}.");
        }

        if (topics[0] is null || !topics[0].AsSpan().SequenceEqual(_topic0))
        {
            throw new AbiException($"Topic0 is not the hash of {Signature}.");
        }

        var dataValues = AbiDecoder.DecodeParameters([.. Parameters.Where(p => !p.Indexed).Select(p => p.Type)], data);
        var values = new object?[Parameters.Count];
        var topic = 1;
        var dataIndex = 0;
        for (var i = 0; i < Parameters.Count; i++)
        {
            var type = Parameters[i].Type;
            if (!Parameters[i].Indexed)
            {
                values[i] = dataValues[dataIndex++];
                continue;
            }

            var word = topics[topic++];
            if (word is null || word.Length != AbiType.WordSize)
            {
                throw new AbiException($"Topic {topic - 1} of {Signature} is not 32 bytes.");
            }

            values[i] = IsHashedWhenIndexed(type) ? word.ToArray() : AbiDecoder.Decode(type, word);
        }

        return values;
    }

    /// <summary>The spec stores only value types directly; strings, bytes, arrays and structs are hashed.</summary>
    private static bool IsHashedWhenIndexed(AbiType type) => type is AbiBytesType or AbiStringType or AbiArrayType or AbiTupleType;
}
