using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Hosting;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;
using OpenVpp.Cli.Chain;
using OpenVpp.Cli.Devices;
using OpenVpp.Cli.Verification;
using OpenVpp.Cli.Wallets;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Keystore;

namespace OpenVpp.Cli.Demo;

/// <summary>
/// The demo's on-chain part: every site (household) gets an owner wallet that registers the site's devices in one
/// batch; at the end every owner claims with the node's proof and its balance is compared with the oracle's amount.
/// </summary>
internal sealed partial class DemoValueLayer(LocalChain chain, Action<string> progress)
{
    private readonly Dictionary<string, EthAddress> _owners = new(StringComparer.Ordinal);
    private const int ProbeBatch = 100;

    private readonly List<(int Devices, ulong Gas)> _registrations = [];
    private long _batchOf100PerDevice;

    public DemoChain Describe() => new(
        chain.Manifest.ChainId,
        chain.Manifest.Rpc,
        new Dictionary<string, string>
        {
            ["token"] = chain.Manifest.Contracts.Token,
            ["registry"] = chain.Manifest.Contracts.Registry,
            ["epoch_ledger"] = chain.Manifest.Contracts.EpochLedger,
            ["distributor"] = chain.Manifest.Contracts.Distributor,
        });

    /// <summary>
    /// The batch-of-100 registration cost, measured on this chain and then undone: a throwaway account registers 100
    /// fresh keys inside an anvil snapshot, which is reverted. Runs before the node starts, so nothing indexes it.
    /// </summary>
    public async Task MeasureBatchRegistrationAsync(CancellationToken cancel)
    {
        var anvil = new AnvilRpc(chain.Rpc);
        var snapshot = await anvil.SnapshotAsync(cancel).ConfigureAwait(false);
        try
        {
            using var probe = new TransactionSender(chain.Rpc, AnvilDevAccounts.Key(9), (ulong)chain.Manifest.ChainId, OvppArtifacts.SenderOptions);
            var devices = new List<OnChainDevice>(ProbeBatch);
            for (var i = 0; i < ProbeBatch; i++)
            {
                using var key = P256DeviceKey.Create();
                devices.Add(new OnChainDevice(key.PublicKey, probe.Address, 5_000, 10_000, "NL-NH", DeviceKind.Battery));
            }

            var receipt = await chain.Registry.RegisterDevicesAsync(probe, devices, cancel).ConfigureAwait(false);
            _batchOf100PerDevice = (long)(receipt.GasUsed / ProbeBatch);
        }
        finally
        {
            await anvil.RevertAsync(snapshot, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the gateway's keystore, then registers each site's devices from the site owner's wallet.</summary>
    public async Task RegisterSitesAsync(string gatewayDir, TimeSpan timeout, CancellationToken cancel)
    {
        var path = Path.Combine(gatewayDir, DeviceKeystore.FileName);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(path))
        {
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"The gateway did not create {path}; see its log.");
            }

            await Task.Delay(100, cancel).ConfigureAwait(false);
        }

        string[] sites;
        using (var keystore = OpenWithRetry(path))
        {
            sites = [.. keystore.Devices.Select(d => d.Descriptor.Site).Distinct().Order(StringComparer.Ordinal)];
        }

        foreach (var site in sites)
        {
            var wallet = "owner-" + Unsafe().Replace(site, "-");
            if (!chain.Wallets.Exists(wallet))
            {
                chain.Wallets.Create(wallet);
            }

            using var owner = chain.Sender(wallet);
            _owners[wallet] = owner.Address;
            await chain.FundAsync(owner.Address, cancel).ConfigureAwait(false);
            // The owner's account stands in as the gateway's until gateways get chain identities of their own.
            var devices = DeviceRegistrar.ReadKeystore(path, owner.Address, site).Select(d => d.Device).ToList();
            var result = await DeviceRegistrar.RegisterAsync(chain.Registry, owner, devices, cancellationToken: cancel).ConfigureAwait(false);
            _registrations.AddRange(result.Batches.Select(b => (b.Devices, b.GasUsed)));
        }

        progress($"registered {_registrations.Sum(r => r.Devices)} devices on chain for {_owners.Count} site owners (wallets in {chain.Wallets.Directory})");
    }

    /// <summary>
    /// Recomputes an epoch's rewards from the oracle's document and the exported readings (what `openvpp verify-epoch`
    /// does) and compares both roots with what the ledger holds. True only when all of it matches.
    /// </summary>
    public async Task<bool> VerifyOnChainAsync(NodeClient node, long epoch, CancellationToken cancel)
    {
        var export = await node.GetEpochExportAsync(epoch, cancel).ConfigureAwait(false);
        var json = await node.GetEpochRewardsJsonAsync(epoch, cancel).ConfigureAwait(false);
        if (export is null || json is null)
        {
            return false;
        }

        var check = RewardsVerifier.Verify(export, RewardsVerifier.Parse(json, $"epoch {epoch} rewards"), export.Epoch.Root);
        var onChain = await chain.Ledger.EpochInfoAsync(epoch, cancel).ConfigureAwait(false);
        return check.Match
            && onChain.IsCommitted
            && RewardsCheck.SameHex(Core.Wire.HexBytes.ToHex(onChain.DataRoot), export.Epoch.Root)
            && RewardsCheck.SameHex(Core.Wire.HexBytes.ToHex(onChain.RewardRoot), check.ComputedRoot);
    }

    /// <summary>Waits until the ledger holds every epoch up to <paramref name="lastEpoch"/>.</summary>
    public async Task WaitForCommitsAsync(long lastEpoch, TimeSpan timeout, CancellationToken cancel)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await chain.Ledger.NextEpochAsync(BlockParameter.Latest, cancel).ConfigureAwait(false) <= lastEpoch)
        {
            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"The oracle did not commit epoch {lastEpoch} within {timeout.TotalSeconds:0} s; see the node's log.");
            }

            await Task.Delay(200, cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Every owner claims; returns the rewards summary and the gas of a first claim and of a transfer.</summary>
    public async Task<(DemoRewards Rewards, long ClaimGas, long TransferGas)> ClaimAllAsync(Uri node, CancellationToken cancel)
    {
        int claims = 0, mismatches = 0;
        var claimedTotal = BigInteger.Zero;
        var claimGas = new List<ulong>();
        using var rewards = NodeRewardsClient.For(node, TimeSpan.FromSeconds(30));
        var anyIssued = await chain.Token.TotalSupplyAsync(cancel).ConfigureAwait(false) > 0;
        foreach (var (wallet, address) in anyIssued ? _owners : [])
        {
            var view = await rewards.GetAsync(address, cancel).ConfigureAwait(false);
            if (view is null)
            {
                continue;
            }

            using var owner = chain.Sender(wallet);
            var claim = await RewardClaimer.ClaimAsync(chain.Token, owner, address, view.CumulativeAmount, view.Proof, cancel).ConfigureAwait(false);
            claims++;
            claimGas.Add(claim.GasUsed);
            claimedTotal += claim.Paid;
            if (claim.BalanceAfter != view.CumulativeAmount)
            {
                mismatches++;
            }
        }

        // One OVPP base unit from an owner that holds some to another owner: the cost of a plain transfer.
        long transferGas = 0;
        foreach (var (wallet, address) in _owners)
        {
            var to = _owners.Values.FirstOrDefault(a => a != address);
            if (to == default || await chain.Token.BalanceOfAsync(address, cancel).ConfigureAwait(false) == 0)
            {
                continue;
            }

            using var from = chain.Sender(wallet);
            transferGas = (long)(await chain.Token.TransferAsync(from, to, BigInteger.One, cancel).ConfigureAwait(false)).GasUsed;
            break;
        }

        var emitted = await chain.Token.TotalSupplyAsync(cancel).ConfigureAwait(false);
        progress($"{claims} owners claimed {claimedTotal} base units of OVPP; {mismatches} mismatches against the oracle");
        var summary = new DemoRewards(
            emitted.ToString(CultureInfo.InvariantCulture), _owners.Count, claims, claimedTotal.ToString(CultureInfo.InvariantCulture), mismatches);
        return (summary, claimGas.Count == 0 ? 0 : (long)claimGas.Average(g => (double)g), transferGas);
    }

    /// <summary>Per device in a batch of 100 (the probe), and per device in the demo's own per-site batches.</summary>
    public (long BatchOf100, long InSiteBatches, int SiteBatchSize) RegistrationGas()
    {
        var devices = _registrations.Sum(r => r.Devices);
        return devices == 0
            ? (_batchOf100PerDevice, 0, 0)
            : (_batchOf100PerDevice, (long)(_registrations.Sum(r => (double)r.Gas) / devices), (int)Math.Round((double)devices / _registrations.Count));
    }

    private static DeviceKeystore OpenWithRetry(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return DeviceKeystore.Open(path);
            }
            catch (Exception) when (attempt < 20)
            {
                // The gateway may still be writing it (atomic rename, but permissions are pinned right after).
                Thread.Sleep(100);
            }
        }
    }

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex Unsafe();
}
