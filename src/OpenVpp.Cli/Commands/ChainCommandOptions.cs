using System.CommandLine;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Deployment;
using OpenVpp.Chain.Wallets;
using OpenVpp.Cli.Wallets;

namespace OpenVpp.Cli.Commands;

/// <summary>
/// Where the wallet and device commands find things: the data directory of `openvpp up`, the deployment manifest in
/// it, the chain's RPC URL, and the wallets. One spelling, one help text and one default for every command.
/// </summary>
internal sealed class ChainCommandOptions
{
    public Option<string> Data { get; } = new("--data")
    {
        Description = "Data directory of `openvpp up` or `openvpp demo --data`; the chain's deployment.json and wallets/ are looked for in it.",
        DefaultValueFactory = _ => CommonOptions.DefaultDataDir,
    };

    public Option<string?> Manifest { get; } = new("--manifest")
    {
        Description = "Deployment manifest (chain id, RPC URL, contract addresses) [default: deployment.json in the chain directory: DATA, or DATA/chain when DATA holds no manifest but a chain/ directory].",
    };

    public Option<string?> Rpc { get; } = new("--rpc")
    {
        Description = "JSON-RPC URL of the chain [default: the manifest's rpc].",
    };

    public Option<string?> Wallets { get; } = new("--wallets")
    {
        Description = "Wallet directory, one NAME.json per wallet (mode 0600) [default: wallets/ in the chain directory, next to deployment.json].",
    };

    /// <summary>--data and --wallets: enough for commands that never touch the chain.</summary>
    public void AddWalletOptions(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Data);
        command.Add(Wallets);
    }

    /// <summary>Every option: data, wallets, manifest and rpc.</summary>
    public void AddTo(Command command)
    {
        AddWalletOptions(command);
        command.Add(Manifest);
        command.Add(Rpc);
    }

    /// <summary>--data, --manifest and --rpc: for commands that read the chain but sign nothing.</summary>
    public void AddChainReadOptions(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Data);
        command.Add(Manifest);
        command.Add(Rpc);
    }

    /// <summary>True when the command line names a chain: --data, --manifest or --rpc given explicitly.</summary>
    public bool ChainGiven(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetResult(Data) is { Implicit: false } || parse.GetValue(Manifest) is not null || parse.GetValue(Rpc) is not null;
    }

    public string DataDir(ParseResult parse) => Path.GetFullPath(parse.GetRequiredValue(Data));

    /// <summary>
    /// Where the manifest and wallets are by default: DATA itself when it holds deployment.json; otherwise DATA/chain
    /// when that directory exists (a local chain kept in a subdirectory of the data dir); otherwise DATA.
    /// </summary>
    public string ChainDir(ParseResult parse)
    {
        var data = DataDir(parse);
        var nested = Path.Combine(data, "chain");
        return !File.Exists(Path.Combine(data, DeploymentManifest.FileName)) && Directory.Exists(nested) ? nested : data;
    }

    public WalletStore OpenWallets(ParseResult parse) =>
        new(Path.GetFullPath(parse.GetValue(Wallets) ?? Path.Combine(ChainDir(parse), "wallets")));

    /// <summary>Loads the manifest and connects to its chain (or to --rpc), checking that it is the manifest's chain.</summary>
    public async Task<ChainSession> OpenChainAsync(ParseResult parse, CancellationToken cancel)
    {
        var manifestPath = Path.GetFullPath(parse.GetValue(Manifest) ?? Path.Combine(ChainDir(parse), DeploymentManifest.FileName));
        var manifest = DeploymentManifest.Load(manifestPath);
        var given = parse.GetValue(Rpc);
        var text = given ?? manifest.Rpc;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw given is null
                ? new CommandException($"{manifestPath}: rpc '{text}' is not an http(s) URL; pass --rpc.")
                : CommandException.Usage($"--rpc '{text}' is not an http(s) URL.");
        }

        return await ChainSession.OpenAsync(manifest, uri, cancel).ConfigureAwait(false);
    }

    /// <summary>
    /// The signing key: the wallet <paramref name="name"/> when given, else the key in OPENVPP_PRIVATE_KEY. The key
    /// stays in memory; only its address is ever shown.
    /// </summary>
    public static (Secp256k1Key Key, string Source) SigningKey(WalletStore store, string? name)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (name is not null)
        {
            return (store.Load(name), $"wallet '{name}'");
        }

        return WalletStore.FromEnvironment() is { } key
            ? (key, WalletStore.PrivateKeyVariable)
            : throw CommandException.Usage($"say which wallet signs: --name WALLET, or set {WalletStore.PrivateKeyVariable}.");
    }

    /// <summary>An http(s) URL option's value, or a usage error naming the option.</summary>
    public static Uri HttpUrl(string text, string option) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw CommandException.Usage($"{option} '{text}' is not an http(s) URL.");

    /// <summary>A 0x address option's value, or a usage error naming the option.</summary>
    public static EthAddress Address(string text, string option) =>
        EthAddress.TryParse(text, out var address)
            ? address
            : throw CommandException.Usage($"{option} '{text}' is not an address (0x and 40 hex digits; mixed case must be a valid EIP-55 checksum).");
}
