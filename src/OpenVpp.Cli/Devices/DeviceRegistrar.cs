using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Reverts;
using OpenVpp.Chain.Rpc;
using OpenVpp.Chain.Transactions;
using OpenVpp.Gateway.Keystore;

namespace OpenVpp.Cli.Devices;

/// <summary>A device from a gateway's keystore, in the form the registry takes, with its name and site.</summary>
internal sealed record KeystoreDevice(string Name, string Site, OnChainDevice Device);

/// <summary>One registerDevices transaction.</summary>
internal sealed record RegistrationBatch(int Index, int Devices, byte[] TransactionHash, ulong GasUsed, ulong BlockNumber)
{
    public ulong GasPerDevice => GasUsed / (ulong)Devices;

    public string TransactionHashHex => "0x" + Convert.ToHexStringLower(TransactionHash);
}

/// <summary>What a registration run did.</summary>
/// <param name="Devices">Distinct devices asked for.</param>
/// <param name="Registered">Registered by this run.</param>
/// <param name="AlreadyRegistered">Skipped because they were registered before (by anyone).</param>
/// <param name="AlreadyOwnedByOthers">Of those skipped, how many another account owns.</param>
/// <param name="Batches">The transactions sent, in order.</param>
internal sealed record RegistrationResult(int Devices, int Registered, int AlreadyRegistered, int AlreadyOwnedByOthers, IReadOnlyList<RegistrationBatch> Batches)
{
    public ulong TotalGas => Batches.Aggregate(0UL, (sum, b) => sum + b.GasUsed);
}

/// <summary>Devices cannot be registered as they are (bad field, refused batch); the message names the device or batch.</summary>
internal sealed class DeviceRegistrationException : Exception
{
    public DeviceRegistrationException()
    {
    }

    public DeviceRegistrationException(string message)
        : base(message)
    {
    }

    public DeviceRegistrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Registers a gateway's devices on the DeviceRegistry for their owner: skips devices already registered, sends
/// the rest in batches (one registerDevices transaction each; gas per device falls with the batch size). Running it
/// again is safe: it registers only what is missing. Used by `openvpp device register` and by the demo for each
/// site's owner.
/// </summary>
internal static class DeviceRegistrar
{
    public const int DefaultBatchSize = 100;

    /// <summary>About 55,000 gas per device: 500 devices take ~28 M gas, within a 30 M block gas limit.</summary>
    public const int MaxBatchSize = 500;

    private const int ParallelChecks = 8;

    /// <summary>
    /// The devices in a gateway's keystore.json (the file must be mode 0600; private keys are read by the gateway's
    /// own loader, used for its consistency checks, and never leave it), optionally only those of one site.
    /// </summary>
    /// <exception cref="KeystoreException">The keystore is missing, unsafe or damaged.</exception>
    /// <exception cref="DeviceRegistrationException">A device does not fit the registry (region, nameplate, capacity).</exception>
    public static IReadOnlyList<KeystoreDevice> ReadKeystore(string keystorePath, EthAddress gateway, string? site = null)
    {
        using var keystore = DeviceKeystore.Open(keystorePath);
        var devices = keystore.Devices.Where(d => site is null || string.Equals(d.Descriptor.Site, site, StringComparison.Ordinal));
        return [.. devices.Select(d => new KeystoreDevice(d.Name, d.Descriptor.Site, ToOnChain(d, gateway)))];
    }

    /// <summary>The registry's record of a keystore device; checks every field against the contract's types.</summary>
    public static OnChainDevice ToOnChain(DeviceIdentity device, EthAddress gateway)
    {
        ArgumentNullException.ThrowIfNull(device);
        var d = device.Descriptor;
        if (d.NameplatePowerW is < 1 or > uint.MaxValue)
        {
            throw new DeviceRegistrationException($"device '{d.Name}': nameplate power {d.NameplatePowerW} W must be 1..{uint.MaxValue} W (uint32) to register.");
        }

        if (d.CapacityWh is < 0 or > uint.MaxValue)
        {
            throw new DeviceRegistrationException($"device '{d.Name}': capacity {d.CapacityWh} Wh must be 0..{uint.MaxValue} Wh (uint32) to register.");
        }

        try
        {
            OnChainDevice.EncodeRegion(d.Region);
        }
        catch (ArgumentException e)
        {
            throw new DeviceRegistrationException($"device '{d.Name}': {e.Message}", e);
        }

        return new OnChainDevice(device.PublicKey.ToArray(), gateway, (uint)d.NameplatePowerW, (uint)d.CapacityWh, d.Region, d.Kind);
    }

    /// <summary>
    /// Registers every device of <paramref name="devices"/> not yet on the registry, owned by <paramref name="owner"/>'s
    /// account, in batches of <paramref name="batchSize"/>; <paramref name="onBatch"/> hears of each batch once mined.
    /// </summary>
    /// <exception cref="DeviceRegistrationException">A batch was refused; earlier batches stay registered.</exception>
    public static async Task<RegistrationResult> RegisterAsync(
        DeviceRegistryContract registry,
        TransactionSender owner,
        IReadOnlyList<OnChainDevice> devices,
        int batchSize = DefaultBatchSize,
        Action<RegistrationBatch>? onBatch = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, MaxBatchSize);

        // One key twice would make its whole batch revert (the second mint of the same token id).
        var distinct = devices.DistinctBy(d => d.Id).ToList();
        var registered = new bool[distinct.Count];
        await Parallel.ForAsync(0, distinct.Count, new ParallelOptions { MaxDegreeOfParallelism = ParallelChecks, CancellationToken = cancellationToken },
            async (i, cancel) => registered[i] = await registry.IsRegisteredAsync(Id(distinct[i]), cancel).ConfigureAwait(false)).ConfigureAwait(false);

        var already = distinct.Where((_, i) => registered[i]).ToList();
        var owners = new EthAddress[already.Count];
        await Parallel.ForAsync(0, already.Count, new ParallelOptions { MaxDegreeOfParallelism = ParallelChecks, CancellationToken = cancellationToken },
            async (i, cancel) => owners[i] = await registry.OwnerOfAsync(Id(already[i]), cancel).ConfigureAwait(false)).ConfigureAwait(false);

        var pending = distinct.Where((_, i) => !registered[i]).ToList();
        var batches = new List<RegistrationBatch>();
        var done = 0;
        foreach (var chunk in pending.Chunk(batchSize))
        {
            var index = batches.Count + 1;
            TransactionReceipt receipt;
            try
            {
                receipt = await registry.RegisterDevicesAsync(owner, chunk, cancellationToken).ConfigureAwait(false);
            }
            catch (ContractRevertException e)
            {
                throw new DeviceRegistrationException(
                    $"batch {index} ({chunk.Length} devices) was refused: {e.Reason.Message}; {done} devices were registered before it. " +
                    "Run the command again to register the rest (registered devices are skipped).", e);
            }

            var batch = new RegistrationBatch(index, chunk.Length, receipt.TransactionHash, receipt.GasUsed, receipt.BlockNumber);
            batches.Add(batch);
            done += chunk.Length;
            onBatch?.Invoke(batch);
        }

        return new RegistrationResult(distinct.Count, done, already.Count, owners.Count(o => o != owner.Address), batches);
    }

    private static EthAddress Id(OnChainDevice device) => EthAddress.FromPublicKey(device.PublicKeyXY);
}
