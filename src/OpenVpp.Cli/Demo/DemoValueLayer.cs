using System.Globalization;
using System.Net.Http.Json;
using System.Numerics;
using System.Text.RegularExpressions;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Rpc;
using OpenVpp.Cli.Chain;
using OpenVpp.Core.Wire;
using OpenVpp.Gateway.Keystore;

namespace OpenVpp.Cli.Demo;

/// <summary>
/// The demo's on-chain part: every site (household) gets an owner wallet that registers the site's devices in one
/// batch; at the end every owner claims with the node's proof and its balance is compared with the oracle's amount.
/// </summary>
internal sealed partial class DemoValueLayer(LocalChain chain, Action<string> progress)
{
    private readonly Dictionary<string, EthAddress> _owners = new(StringComparer.Ordinal);
    private readonly List<(int Devices, ulong Gas)> _registrations = [];

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

        using var keystore = OpenWithRetry(path);
        foreach (var site in keystore.Devices.GroupBy(d => d.Descriptor.Site).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var wallet = "owner-" + Unsafe().Replace(site.Key, "-");
            if (!chain.Wallets.Exists(wallet))
            {
                chain.Wallets.Create(wallet);
            }

            using var owner = chain.Sender(wallet);
            _owners[wallet] = owner.Address;
            var devices = new List<OnChainDevice>();
            foreach (var d in site)
            {
                // A restarted `up` finds its devices already registered; registering one twice would revert the batch.
                if (!await chain.Registry.IsRegisteredAsync(new EthAddress(d.Id.Bytes), cancel).ConfigureAwait(false))
                {
                    devices.Add(new OnChainDevice(
                        d.PublicKey.ToArray(), default, (uint)d.Descriptor.NameplatePowerW, (uint)d.Descriptor.CapacityWh, d.Descriptor.Region, d.Descriptor.Kind));
                }
            }

            if (devices.Count == 0)
            {
                continue;
            }

            await chain.FundAsync(owner.Address, cancel).ConfigureAwait(false);
            var receipt = await chain.Registry.RegisterDevicesAsync(owner, devices, cancel).ConfigureAwait(false);
            _registrations.Add((devices.Count, receipt.GasUsed));
        }

        progress($"registered {_registrations.Sum(r => r.Devices)} devices on chain for {_owners.Count} site owners (wallets in {chain.Wallets.Directory})");
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
    public async Task<(DemoRewards Rewards, long ClaimGas, long TransferGas)> ClaimAllAsync(HttpClient node, CancellationToken cancel)
    {
        int claims = 0, mismatches = 0;
        var claimedTotal = BigInteger.Zero;
        var claimGas = new List<ulong>();
        foreach (var (wallet, address) in _owners)
        {
            using var response = await node.GetAsync($"v1/rewards/{address.ToString().ToLowerInvariant()}", cancel).ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                continue;
            }

            response.EnsureSuccessStatusCode();
            var view = await response.Content.ReadFromJsonAsync(WireJsonContext.Default.RewardClaimView, cancel).ConfigureAwait(false)
                ?? throw new InvalidDataException("The node answered an empty reward view.");
            var cumulative = BigInteger.Parse(view.CumulativeAmount, CultureInfo.InvariantCulture);
            using var owner = chain.Sender(wallet);
            var receipt = await chain.Token.ClaimAsync(owner, address, cumulative, [.. view.Proof.Select(p => Convert.FromHexString(p.AsSpan(2)))], cancel)
                .ConfigureAwait(false);
            claims++;
            claimGas.Add(receipt.GasUsed);
            var balance = await chain.Token.BalanceOfAsync(address, cancel).ConfigureAwait(false);
            claimedTotal += balance;
            if (balance != cumulative)
            {
                mismatches++;
            }
        }

        long transferGas = 0;
        var holders = _owners.ToList();
        if (holders.Count >= 2)
        {
            using var from = chain.Sender(holders[0].Key);
            if (await chain.Token.BalanceOfAsync(from.Address, cancel).ConfigureAwait(false) > 0)
            {
                var receipt = await chain.Token.TransferAsync(from, holders[1].Value, BigInteger.One, cancel).ConfigureAwait(false);
                transferGas = (long)receipt.GasUsed;
            }
        }

        var emitted = await chain.Token.TotalSupplyAsync(cancel).ConfigureAwait(false);
        progress($"{claims} owners claimed {claimedTotal} base units of OVPP; {mismatches} mismatches against the oracle");
        var rewards = new DemoRewards(
            emitted.ToString(CultureInfo.InvariantCulture), _owners.Count, claims, claimedTotal.ToString(CultureInfo.InvariantCulture), mismatches);
        return (rewards, claimGas.Count == 0 ? 0 : (long)claimGas.Average(g => (double)g), transferGas);
    }

    public (long PerDevice, int BatchSize) RegistrationGas()
    {
        var devices = _registrations.Sum(r => r.Devices);
        return devices == 0 ? (0, 0) : ((long)(_registrations.Sum(r => (double)r.Gas) / devices), (int)Math.Round((double)devices / _registrations.Count));
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
