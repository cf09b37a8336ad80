using System.Numerics;
using OpenVpp.Chain.Contracts;
using OpenVpp.Chain.Crypto;
using OpenVpp.Contracts.Tests.Support;
using OpenVpp.Core.Crypto;
using OpenVpp.Core.Devices;
using Xunit.Abstractions;

namespace OpenVpp.Contracts.Tests;

[Collection(SharedAnvil.Name)]
public sealed class RegistrationTests(AnvilFixture chain, ITestOutputHelper output)
{
    private const int Owner = 2;

    [Fact]
    public async Task Batch_registration_records_devices_and_emits_their_keys()
    {
        var ovpp = await chain.DeployAsync();
        var gateway = chain.Account(9).Address;
        using var pv = P256DeviceKey.Create();
        using var battery = P256DeviceKey.Create();
        using var meter = P256DeviceKey.Create();
        OnChainDevice[] devices =
        [
            new(pv.PublicKey, gateway, 9_800, 0, "DE-BY", DeviceKind.SolarInverter),
            new(battery.PublicKey, gateway, 5_000, 13_500, "FR-IDF", DeviceKind.Battery),
            new(meter.PublicKey, default, 43_000, 0, "AT", DeviceKind.GridMeter),
        ];

        Assert.False(await ovpp.Registry.IsRegisteredAsync(Id(pv)));
        var receipt = await ovpp.Registry.RegisterDevicesAsync(chain.Account(Owner), devices);

        var events = receipt.Logs.Where(l => ovpp.Registry.IsEvent(l, DeviceRegistryContract.DeviceRegisteredEvent))
            .Select(l => ovpp.Registry.DecodeEvent(l, DeviceRegistryContract.DeviceRegisteredEvent)).ToList();
        Assert.Equal(devices.Length, events.Count);
        foreach (var (device, e) in devices.Zip(events))
        {
            // DeviceRegistered(deviceId, owner, gateway, x, y, kind, nameplateW, capacityWh, region)
            Assert.Equal(device.Id.Bytes.ToArray(), (byte[])e[0]!);
            Assert.Equal(chain.Account(Owner).Address, new EthAddress((byte[])e[1]!));
            Assert.Equal(device.Gateway, new EthAddress((byte[])e[2]!));
            Assert.Equal(device.PublicKeyXY[..32], (byte[])e[3]!);
            Assert.Equal(device.PublicKeyXY[32..], (byte[])e[4]!);
            Assert.Equal((BigInteger)(byte)device.Kind, (BigInteger)e[5]!);
            Assert.Equal((BigInteger)device.NameplateW, (BigInteger)e[6]!);
            Assert.Equal((BigInteger)device.CapacityWh, (BigInteger)e[7]!);
            Assert.Equal(device.Region, OnChainDevice.DecodeRegion((byte[])e[8]!));

            var id = new EthAddress(device.Id.Bytes);
            Assert.True(await ovpp.Registry.IsRegisteredAsync(id));
            Assert.Equal(chain.Account(Owner).Address, await ovpp.Registry.OwnerOfAsync(id));
        }
    }

    [Fact]
    public async Task Registering_a_taken_key_reverts_the_whole_batch()
    {
        var ovpp = await chain.DeployAsync();
        using var taken = P256DeviceKey.Create();
        using var fresh = P256DeviceKey.Create();
        await ovpp.Registry.RegisterDevicesAsync(chain.Account(Owner), [Device(taken)]);

        // By the same owner and by someone else: the first registrant keeps the key, and the fresh device in the
        // same batch is not registered either.
        await Revert.ExpectAsync("ERC721InvalidSender", () => ovpp.Registry.RegisterDevicesAsync(chain.Account(Owner), [Device(fresh), Device(taken)]));
        await Revert.ExpectAsync("ERC721InvalidSender", () => ovpp.Registry.RegisterDevicesAsync(chain.Account(3), [Device(fresh), Device(taken)]));

        Assert.False(await ovpp.Registry.IsRegisteredAsync(Id(fresh)));
        Assert.Equal(chain.Account(Owner).Address, await ovpp.Registry.OwnerOfAsync(Id(taken)));
    }

    [Fact]
    public async Task A_batch_of_100_costs_at_most_60000_gas_per_device()
    {
        var ovpp = await chain.DeployAsync();
        var keys = Enumerable.Range(0, 100).Select(_ => P256DeviceKey.Create()).ToList();
        try
        {
            var receipt = await ovpp.Registry.RegisterDevicesAsync(chain.Account(Owner), [.. keys.Select(Device)]);

            var perDevice = receipt.GasUsed / 100;
            output.WriteLine($"registerDevices, batch of 100: {receipt.GasUsed:N0} gas, {perDevice:N0} per device");
            Assert.True(perDevice <= 60_000, $"{perDevice:N0} gas per device is above the 60,000 target.");
            Assert.Equal(100, receipt.Logs.Count(l => ovpp.Registry.IsEvent(l, DeviceRegistryContract.DeviceRegisteredEvent)));
            Assert.True(await ovpp.Registry.IsRegisteredAsync(Id(keys[0])));
            Assert.True(await ovpp.Registry.IsRegisteredAsync(Id(keys[^1])));
        }
        finally
        {
            keys.ForEach(k => k.Dispose());
        }
    }

    private static OnChainDevice Device(P256DeviceKey key) => new(key.PublicKey, default, 6_000, 10_000, "DE-BW", DeviceKind.Battery);

    private static EthAddress Id(P256DeviceKey key) => new(key.Id.Bytes);
}
