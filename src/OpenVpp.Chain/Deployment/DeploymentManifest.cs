using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenVpp.Chain.Deployment;

/// <summary>
/// Where the value layer lives on a chain: written by the deployer into the data dir (<see cref="FileName"/>) and read
/// by the node, the CLI's wallet and device commands and verify-epoch. Addresses are EIP-55 strings.
/// </summary>
public sealed record DeploymentManifest(
    int Version,
    long ChainId,
    string Rpc,
    long DeploymentBlock,
    long FirstEpoch,
    string Admin,
    string Oracle,
    DeploymentContracts Contracts)
{
    public const string FileName = "deployment.json";

    public static DeploymentManifest Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No deployment manifest at {path}: start the chain with `openvpp up` (or deploy) first, or pass --manifest.", path);
        }

        try
        {
            var manifest = JsonSerializer.Deserialize(File.ReadAllText(path), DeploymentJsonContext.Default.DeploymentManifest);
            return manifest is { Version: 1, Contracts: not null }
                ? manifest
                : throw new InvalidDataException($"{path} is not a version 1 deployment manifest.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
    }

    public void Save(string path)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, DeploymentJsonContext.Default.DeploymentManifest));
        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>
/// The deployed contracts. <see cref="Distributor"/> equals <see cref="Token"/>: the reward claims live in the token
/// so that a claim writes one storage slot (see docs/contracts.md).
/// </summary>
public sealed record DeploymentContracts(string Token, string Registry, string EpochLedger, string Distributor);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DeploymentManifest))]
internal sealed partial class DeploymentJsonContext : JsonSerializerContext;
