using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Hosting;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;

namespace OpenVpp.Contracts.Tests.Support;

/// <summary>
/// One real anvil for the whole test assembly (node_modules/.bin/anvil, hardfork osaka so P256VERIFY is live), with a
/// <see cref="TransactionSender"/> per dev account. Tests in the collection run one after another and each deploys its
/// own contracts (<see cref="DeployAsync"/>), so they share the chain but no state.
/// </summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    /// <summary>Deploys the contracts and holds DEFAULT_ADMIN_ROLE.</summary>
    public const int AdminIndex = 0;

    /// <summary>Holds ORACLE_ROLE on the ledger.</summary>
    public const int OracleIndex = 1;

    private static readonly TransactionSenderOptions SenderOptions = new()
    {
        RevertDecoder = OvppArtifacts.RevertDecoder,
        // anvil mines on every transaction; the default 500 ms would be paid whenever a receipt is not there at once.
        ReceiptPollInterval = TimeSpan.FromMilliseconds(10),
    };

    private TransactionSender[] _senders = [];
    private AnvilProcess? _anvil;
    private EthRpcClient? _rpc;

    public EthRpcClient Rpc => _rpc ?? throw new InvalidOperationException("anvil is not running.");

    public TransactionSender Admin => Account(AdminIndex);

    public TransactionSender Oracle => Account(OracleIndex);

    /// <summary>The sender of dev account <paramref name="index"/> (0..9), funded by anvil.</summary>
    public TransactionSender Account(int index) => _senders[index];

    public async Task InitializeAsync()
    {
        var anvil = Path.Combine(RepositoryRoot(), "node_modules", ".bin", "anvil");
        _anvil = await AnvilProcess.StartAsync(new AnvilOptions { ExecutablePath = anvil });
        _rpc = _anvil.CreateClient();
        _senders = [.. AnvilDevAccounts.Keys.Select(key => new TransactionSender(_rpc, key, _anvil.ChainId, SenderOptions))];
    }

    public async Task DisposeAsync()
    {
        foreach (var sender in _senders)
        {
            sender.Dispose();
        }

        _rpc?.Dispose();
        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }
    }

    /// <summary>A fresh registry, token and ledger, wired as OvppDeployer wires them (admin = account 0, oracle = account 1).</summary>
    public Task<DeployedOvpp> DeployAsync() => DeployedOvpp.DeployAsync(this);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenVpp.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"No OpenVpp.slnx above {AppContext.BaseDirectory}.");
    }
}

[CollectionDefinition(Name)]
public sealed class SharedAnvil : ICollectionFixture<AnvilFixture>
{
    public const string Name = "anvil";
}
