using System.CommandLine;
using OpenVpp.Chain.Deployment;
using OpenVpp.Chain.Wallets;
using OpenVpp.Core.Rewards;
using OpenVpp.Node;

namespace OpenVpp.Cli.Chain;

/// <summary>The node's value-layer options: where the contracts are, which RPC, and the oracle's key (by wallet name, never on the command line).</summary>
internal sealed class NodeChainArguments
{
    public Option<string?> Manifest { get; } = new("--manifest")
    {
        Description = "Deployment manifest (deployment.json from `openvpp up`/`demo`); with it the registry comes from the chain and epochs are committed.",
    };

    public Option<string?> Rpc { get; } = new("--rpc") { Description = "EVM JSON-RPC endpoint (default: the manifest's)." };

    public Option<string?> OracleWallet { get; } = new("--oracle-wallet")
    {
        Description = $"Wallet holding the ORACLE_ROLE key; without it (and without {WalletStore.PrivateKeyVariable}) the node only indexes.",
    };

    public Option<string?> Wallets { get; } = new("--wallets") { Description = "Wallet directory (default: the manifest's directory/wallets)." };

    public Option<int> Confirmations { get; } = new("--confirmations")
    {
        Description = "Blocks an event must be buried under before the node applies it (0 suits a local anvil).",
        DefaultValueFactory = _ => 2,
    };

    public Option<TimeSpan> ReadingInterval { get; } = Commands.CommonOptions.Duration(
        "--reading-interval", "The fleet's metering interval; the rewards oracle expects epoch length / interval readings per device per epoch.", TimeSpan.FromMinutes(15));

    public void AddTo(Command command)
    {
        command.Options.Add(ReadingInterval);
        command.Options.Add(Manifest);
        command.Options.Add(Rpc);
        command.Options.Add(OracleWallet);
        command.Options.Add(Wallets);
        command.Options.Add(Confirmations);
    }

    /// <summary>Null when no manifest was given (the node runs off-chain).</summary>
    public ChainOptions? Resolve(ParseResult parse, TimeSpan epochLength)
    {
        var manifestPath = parse.GetValue(Manifest);
        if (manifestPath is null)
        {
            return null;
        }

        manifestPath = Path.GetFullPath(manifestPath);
        var manifest = DeploymentManifest.Load(manifestPath);
        var walletDir = parse.GetValue(Wallets) ?? Path.Combine(Path.GetDirectoryName(manifestPath)!, "wallets");
        var oracleName = parse.GetValue(OracleWallet);
        var key = oracleName is not null ? new WalletStore(walletDir).Load(oracleName) : WalletStore.FromEnvironment();
        return new ChainOptions
        {
            Rpc = new Uri(parse.GetValue(Rpc) ?? manifest.Rpc),
            Manifest = manifest,
            ConfirmationDepth = parse.GetValue(Confirmations),
            OracleKey = key,
            Rewards = new RewardParameters().WithReadingCadence(epochLength, parse.GetValue(ReadingInterval)),
        };
    }
}
