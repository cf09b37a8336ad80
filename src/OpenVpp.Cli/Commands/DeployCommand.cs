using System.CommandLine;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Deployment;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;
using OpenVpp.Chain.Wallets;
using OpenVpp.Chain.Contracts;
using OpenVpp.Core.Epochs;
using OpenVpp.Core.Rewards;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp deploy: the value layer's contracts on any EVM JSON-RPC endpoint, and the manifest for it.</summary>
internal static class DeployCommand
{
    public static Command Create()
    {
        var rpc = new Option<string>("--rpc") { Description = "JSON-RPC URL of the chain to deploy on.", Required = true };
        var data = new Option<string>("--data") { Description = "Directory for deployment.json (and wallets/).", DefaultValueFactory = _ => CommonOptions.DefaultDataDir };
        var wallet = new Option<string?>("--wallet")
        {
            Description = $"Wallet (in DATA/wallets) that deploys and becomes admin; without it the key comes from {WalletStore.PrivateKeyVariable}.",
        };
        var oracle = new Option<string>("--oracle") { Description = "Address that gets ORACLE_ROLE (the node's oracle account).", Required = true };
        var epochLength = CommonOptions.Duration("--epoch-length", "The network's epoch length (must match the node's).", EpochSchedule.DefaultLength);
        var genesis = new Option<DateTimeOffset>("--genesis") { Description = "Start of epoch 0 (must match the node's).", DefaultValueFactory = _ => NodeCommand.DefaultGenesis };
        var json = CommonOptions.Json();
        var command = new Command("deploy", """
            Deploy OvppToken (with the reward claims), DeviceRegistry and EpochLedger on an EVM chain, wire their roles
            (the ledger mints through the token; --oracle may commit epochs), and write DATA/deployment.json for the node
            (`openvpp node --manifest`) and the wallet and device commands. The ledger's first epoch is the current one.
            `openvpp up` and `openvpp demo` do this on their own local anvil; use this for any other chain.

            Example: OPENVPP_PRIVATE_KEY=0x... openvpp deploy --rpc https://rpc.example --oracle 0xOracle... --data net1
            """)
        {
            rpc, data, wallet, oracle, epochLength, genesis, json,
        };
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("deploy", async () =>
        {
            if (!EthAddress.TryParse(parse.GetRequiredValue(oracle), out var oracleAddress))
            {
                throw CommandException.Usage("--oracle must be an address: 0x followed by 40 hex digits.");
            }

            if (!Uri.TryCreate(parse.GetRequiredValue(rpc), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw CommandException.Usage("--rpc must be an http(s) URL.");
            }

            var dir = Path.GetFullPath(parse.GetRequiredValue(data));
            Directory.CreateDirectory(dir);
            var walletName = parse.GetValue(wallet);
            var key = walletName is not null
                ? new WalletStore(Path.Combine(dir, "wallets")).Load(walletName)
                : WalletStore.FromEnvironment()
                    ?? throw CommandException.Usage($"Give --wallet NAME or set {WalletStore.PrivateKeyVariable} to the deploying account's key.");
            var schedule = new EpochSchedule(parse.GetValue(genesis), parse.GetValue(epochLength));
            var firstEpoch = Math.Max(0, schedule.IndexAt(DateTimeOffset.UtcNow));

            using var client = new EthRpcClient(uri);
            using var admin = await TransactionSender.CreateAsync(client, key, OvppArtifacts.SenderOptions, cancellationToken: cancel).ConfigureAwait(false);
            var cap = EmissionSchedule.MaxSupply(new RewardParameters());
            var manifest = await OvppDeployer.DeployAsync(client, admin, oracleAddress, cap, firstEpoch, cancel).ConfigureAwait(false);
            var path = Path.Combine(dir, DeploymentManifest.FileName);
            manifest.Save(path);
            Console.WriteLine(parse.GetValue(json)
                ? File.ReadAllText(path)
                : $"""
                  deployed on chain {manifest.ChainId} from block {manifest.DeploymentBlock} (first epoch {manifest.FirstEpoch})
                    token / distributor  {manifest.Contracts.Token}
                    registry             {manifest.Contracts.Registry}
                    epoch ledger         {manifest.Contracts.EpochLedger}
                    admin                {manifest.Admin}
                    oracle               {manifest.Oracle}
                  manifest: {path}
                  next: openvpp node --manifest {path} --oracle-wallet NAME   (or OPENVPP_PRIVATE_KEY for the oracle)
                  """);
            return 0;
        }, cancel));
        return command;
    }
}
