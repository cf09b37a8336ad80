using OpenVpp.Chain.Reverts;
using OpenVpp.Chain.Transactions;

namespace OpenVpp.Chain.Contracts;

/// <summary>The value layer's compiled contracts, embedded in this assembly at build time.</summary>
public static class OvppArtifacts
{
    private static readonly Lazy<ContractArtifact> LazyToken = new(() => Load("OvppToken"));
    private static readonly Lazy<ContractArtifact> LazyRegistry = new(() => Load("DeviceRegistry"));
    private static readonly Lazy<ContractArtifact> LazyLedger = new(() => Load("EpochLedger"));
    private static readonly Lazy<RevertDecoder> LazyDecoder = new(() => new RevertDecoder(
        Token.Abi.Errors.Concat(Registry.Abi.Errors).Concat(Ledger.Abi.Errors).DistinctBy(e => e.Signature)));

    public static ContractArtifact Token => LazyToken.Value;

    public static ContractArtifact Registry => LazyRegistry.Value;

    public static ContractArtifact Ledger => LazyLedger.Value;

    /// <summary>Decodes every custom error of the three contracts by name.</summary>
    public static RevertDecoder RevertDecoder => LazyDecoder.Value;

    /// <summary>Sender settings for these contracts: reverts come back with the custom error's name and arguments.</summary>
    public static TransactionSenderOptions SenderOptions => new() { RevertDecoder = RevertDecoder };

    private static ContractArtifact Load(string name)
    {
        var resource = $"OpenVpp.Contracts.{name}.json";
        using var stream = typeof(OvppArtifacts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The build did not embed {resource}; rebuild after tools/prepare-node.sh.");
        return ContractArtifact.Load(stream);
    }

}
