using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OpenVpp.Cli.Devices;
using OpenVpp.Gateway.Keystore;

namespace OpenVpp.Cli.Commands;

/// <summary>openvpp device: devices on the chain's registry.</summary>
internal static class DeviceCommand
{
    public static Command Create()
    {
        var command = new Command("device", """
            Devices on the chain: register a gateway's devices (their P-256 keys, kind, nameplate, capacity, region) on the
            DeviceRegistry, owned by your wallet, so that nodes accept their readings and their rewards go to you.
            """);
        command.Add(Register());
        return command;
    }

    private static Command Register()
    {
        var gatewayData = new Option<string?>("--gateway-data") { Description = "The gateway's data directory, which holds keystore.json [default: DATA/gateway, as `openvpp up` lays it out]." };
        var name = new Option<string?>("--name") { Description = "The wallet that registers, owns the devices and pays gas [default: OPENVPP_PRIVATE_KEY's account]." };
        var site = new Option<string?>("--site") { Description = "Register only the devices of this site (e.g. home-0003); default: every device in the keystore." };
        var batch = new Option<int>("--batch")
        {
            Description = $"Devices per registerDevices transaction (1-{DeviceRegistrar.MaxBatchSize}); larger batches cost less gas per device.",
            DefaultValueFactory = _ => DeviceRegistrar.DefaultBatchSize,
        };
        var gatewayAddress = new Option<string?>("--gateway-address") { Description = "Address recorded as the devices' reporting gateway [default: the wallet's own address].", HelpName = "0xADDRESS" };
        var json = CommonOptions.Json();
        var chain = new ChainCommandOptions();
        var command = new Command("register", """
            Register a gateway's devices on the chain's DeviceRegistry, owned by the wallet. Reads the public parts of the
            gateway's keystore.json (which must be mode 0600; private keys stay in it), skips devices already registered,
            and registers the rest in batches, printing each batch's transaction, gas and gas per device, then a summary.
            Safe to run again: only what is missing is registered. Regions must fit the registry's 6 bytes (e.g. NL-NH).

            Examples:
              openvpp device register --name alice
              openvpp device register --gateway-data /var/lib/openvpp/gateway --name alice --site home-0003 --json
            """)
        {
            gatewayData, name, site, batch, gatewayAddress, json,
        };
        chain.AddTo(command);
        command.SetAction((parse, cancel) => CommandErrors.RunAsync("device register", async () =>
        {
            var asJson = parse.GetValue(json);
            var batchSize = parse.GetValue(batch);
            if (batchSize is < 1 or > DeviceRegistrar.MaxBatchSize)
            {
                throw CommandException.Usage($"--batch must be 1-{DeviceRegistrar.MaxBatchSize}, not {batchSize}.");
            }

            var keystorePath = KeystorePath(parse.GetValue(gatewayData) ?? Path.Combine(chain.DataDir(parse), "gateway"));
            var (key, _) = ChainCommandOptions.SigningKey(chain.OpenWallets(parse), parse.GetValue(name));
            var gateway = parse.GetValue(gatewayAddress) is { } text ? ChainCommandOptions.Address(text, "--gateway-address") : key.Address;
            var siteName = parse.GetValue(site);
            var devices = DeviceRegistrar.ReadKeystore(keystorePath, gateway, siteName);
            if (devices.Count == 0)
            {
                throw new CommandException(siteName is null
                    ? $"{keystorePath} holds no devices."
                    : $"no device of site '{siteName}' in {keystorePath}; its sites: {string.Join(", ", Sites(keystorePath))}.");
            }

            using var session = await chain.OpenChainAsync(parse, cancel).ConfigureAwait(false);
            using var sender = session.CreateSender(key);
            if (!asJson)
            {
                Console.WriteLine($"registering {devices.Count} device(s) from {keystorePath} for {key.Address} (gateway {gateway})");
            }

            var result = await DeviceRegistrar.RegisterAsync(
                session.Registry,
                sender,
                [.. devices.Select(d => d.Device)],
                batchSize,
                b =>
                {
                    if (!asJson)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  batch {b.Index}: {b.Devices} devices, tx {b.TransactionHashHex}, gas {b.GasUsed:N0} ({b.GasPerDevice:N0} per device)"));
                    }
                },
                cancel).ConfigureAwait(false);

            var report = new RegistrationReport(
                key.Address.ToString(), gateway.ToString(), keystorePath, siteName, result.Devices, result.Registered, result.AlreadyRegistered,
                result.AlreadyOwnedByOthers, result.TotalGas, [.. result.Batches.Select(RegistrationBatchReport.Of)]);
            Console.WriteLine(asJson ? JsonSerializer.Serialize(report, CliJsonContext.Default.RegistrationReport) : Summary(report));
            return 0;
        }, cancel));
        return command;
    }

    /// <summary>A directory holding keystore.json, or the keystore file itself.</summary>
    private static string KeystorePath(string given)
    {
        var full = Path.GetFullPath(given);
        return File.Exists(full) ? full : Path.Combine(full, DeviceKeystore.FileName);
    }

    private static IEnumerable<string> Sites(string keystorePath)
    {
        using var keystore = DeviceKeystore.Open(keystorePath);
        return [.. keystore.Devices.Select(d => d.Descriptor.Site).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static string Summary(RegistrationReport r)
    {
        var others = r.AlreadyOwnedByOthers > 0 ? $" ({r.AlreadyOwnedByOthers} of them owned by another account)" : string.Empty;
        var gas = r.Registered > 0
            ? string.Create(CultureInfo.InvariantCulture, $", gas {r.TotalGas:N0} in {r.Batches.Count} transaction(s) ({r.TotalGas / (ulong)r.Registered:N0} per device)")
            : string.Empty;
        return $"registered {r.Registered}, already registered {r.AlreadyRegistered}{others}{gas}";
    }
}
