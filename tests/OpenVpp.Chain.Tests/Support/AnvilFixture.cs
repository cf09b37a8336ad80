using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Hosting;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;

namespace OpenVpp.Chain.Tests.Support;

/// <summary>
/// One real anvil for every test in the "anvil" collection; xunit runs those tests one at a time, so each may
/// change the chain, but must not assume nonces or balances left by another (read them, don't hard-code them).
/// </summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private AnvilProcess? _anvil;
    private EthRpcClient? _rpc;

    public AnvilProcess Anvil => _anvil ?? throw new InvalidOperationException("anvil has not started.");

    public EthRpcClient Rpc => _rpc ?? throw new InvalidOperationException("anvil has not started.");

    public AnvilRpc Dev => new(Rpc);

    /// <summary>Options for senders in tests: poll often, anvil mines on every transaction.</summary>
    public static TransactionSenderOptions FastSenderOptions { get; } = new() { ReceiptPollInterval = TimeSpan.FromMilliseconds(10) };

    public static AnvilOptions Options() => new() { ExecutablePath = Repository.NodeTool("anvil") };

    public static ContractArtifact Artifact(string name) => ContractArtifact.Load(Repository.Artifact(name));

    public TransactionSender Sender(int devAccount, TransactionSenderOptions? options = null) =>
        new(Rpc, AnvilDevAccounts.Key(devAccount), Anvil.ChainId, options ?? FastSenderOptions);

    public async Task InitializeAsync()
    {
        _anvil = await AnvilProcess.StartAsync(Options());
        _rpc = _anvil.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _rpc?.Dispose();
        if (_anvil is not null)
        {
            await _anvil.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AnvilChain : ICollectionFixture<AnvilFixture>
{
    public const string Name = "anvil";
}
