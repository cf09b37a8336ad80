using System.Text.Json;
using OpenVpp.Chain.Abi;

namespace OpenVpp.Chain.Contracts;

/// <summary>
/// A compiled contract as tools/compile-contracts.mjs writes it to contracts/out/&lt;Name&gt;.json:
/// { contractName, sourceName, compiler, evmVersion, abi, bytecode, deployedBytecode }.
/// </summary>
public sealed class ContractArtifact
{
    /// <summary>Generous for any contract (EIP-170 caps deployed code at 24 KiB), small enough to refuse junk.</summary>
    private const long MaxArtifactBytes = 16 * 1024 * 1024;

    private readonly byte[] _bytecode;
    private readonly byte[] _deployedBytecode;

    private ContractArtifact(string contractName, string? sourceName, ContractAbi abi, byte[] bytecode, byte[] deployedBytecode)
    {
        ContractName = contractName;
        SourceName = sourceName;
        Abi = abi;
        _bytecode = bytecode;
        _deployedBytecode = deployedBytecode;
    }

    public string ContractName { get; }

    /// <summary>The source file it came from, e.g. <c>contracts/test/PlainNft.sol</c>.</summary>
    public string? SourceName { get; }

    public ContractAbi Abi { get; }

    /// <summary>Init code: what a deployment sends, before the constructor arguments. Empty for an interface.</summary>
    public ReadOnlyMemory<byte> Bytecode => _bytecode;

    /// <summary>The runtime code a deployment leaves at the contract's address.</summary>
    public ReadOnlyMemory<byte> DeployedBytecode => _deployedBytecode;

    /// <summary>Loads contracts/out/&lt;Name&gt;.json (or any artifact of that shape).</summary>
    public static ContractArtifact Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        try
        {
            return Load(stream);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Loads an artifact from a stream, e.g. an embedded resource; the stream is read, not disposed.</summary>
    /// <exception cref="FormatException">The content is not a valid artifact (an <see cref="AbiException"/> for ABI problems).</exception>
    public static ContractArtifact Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length - stream.Position > MaxArtifactBytes)
        {
            throw new FormatException($"A contract artifact of {stream.Length} bytes is larger than the {MaxArtifactBytes}-byte limit.");
        }

        try
        {
            using var document = JsonDocument.Parse(stream);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new FormatException($"A contract artifact must be JSON: {e.Message}", e);
        }
    }

    /// <summary>Parses an artifact from its JSON text.</summary>
    public static ContractArtifact Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new FormatException($"A contract artifact must be JSON: {e.Message}", e);
        }
    }

    /// <summary>Init code followed by the ABI-encoded constructor arguments: the data of a deployment.</summary>
    public byte[] DeploymentData(params object?[] constructorArguments)
    {
        if (_bytecode.Length == 0)
        {
            throw new InvalidOperationException($"{ContractName} has no bytecode (an interface or abstract contract) and cannot be deployed.");
        }

        var arguments = AbiEncoder.EncodeParameters(Abi.ConstructorInputs, constructorArguments);
        return [.. _bytecode, .. arguments];
    }

    private static ContractArtifact Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"A contract artifact is a JSON object, not {root.ValueKind}.");
        }

        var name = RequiredString(root, "contractName");
        var source = root.TryGetProperty("sourceName", out var sourceName) && sourceName.ValueKind == JsonValueKind.String
            ? sourceName.GetString()
            : null;
        if (!root.TryGetProperty("abi", out var abi))
        {
            throw new FormatException($"Contract artifact {name} has no \"abi\".");
        }

        return new ContractArtifact(
            name,
            source,
            ContractAbi.Parse(abi),
            Code(root, "bytecode", name),
            Code(root, "deployedBytecode", name));
    }

    private static string RequiredString(JsonElement root, string field) =>
        root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"A contract artifact needs a non-empty string \"{field}\".");

    private static byte[] Code(JsonElement root, string field, string name)
    {
        var hex = RequiredString(root, field);
        if (hex.Contains("__$", StringComparison.Ordinal))
        {
            throw new FormatException($"{name}.{field} has unlinked library placeholders (__$...$__); link the libraries first.");
        }

        try
        {
            return Rpc.RpcHex.ParseData(hex);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{name}.{field} is not 0x-prefixed hex: {e.Message}", e);
        }
    }
}
