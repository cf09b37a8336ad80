using OpenVpp.Protocols.Modbus;
using OpenVpp.Protocols.Modbus.Transport;
using OpenVpp.Protocols.SunSpec;
using OpenVpp.Testing.SunSpec;

namespace OpenVpp.Protocols.Tests.SunSpec;

/// <summary>SunSpec discovery, decoding and writes against npm modbus-serial's ServerTCP loaded with device maps.</summary>
public sealed class SunSpecClientTests
{
    public static TheoryData<ushort> Bases => [40000, 0, 50000];

    [Theory]
    [MemberData(nameof(Bases))]
    public async Task The_marker_is_found_at_each_base_the_specification_allows(ushort baseAddress)
    {
        var map = SunSpecTestDevices.Meter(baseAddress);
        await using var peer = await SunSpecPeer.StartAsync(1, baseAddress, map.Build());
        await using var modbus = Client(peer);

        var scan = await new SunSpecClient(modbus, 1).DiscoverAsync(CancellationToken.None);

        Assert.Equal(baseAddress, scan.BaseAddress);
        Assert.Equal([1, 203], scan.Models.Select(m => m.Id));
        Assert.Equal(map.AddressOf(203), scan.Find(203)!.Address);
    }

    [Fact]
    public async Task A_scan_decodes_identity_and_every_known_model_and_lists_an_unknown_one()
    {
        var map = SunSpecTestDevices.SinglePhaseInverter();
        await using var peer = await SunSpecPeer.StartAsync(1, 40000, map.Build());
        await using var modbus = Client(peer);

        var scan = await new SunSpecClient(modbus, 1).ScanAsync(CancellationToken.None);

        Assert.Equal([1, 101, SunSpecTestDevices.VendorModelId, 120, 123], scan.Models.Select(m => m.Id));
        Assert.Equal(new SunSpecIdentity("OpenVPP Test Devices", "SI-5000", null, "1.4.2", "INV-0001", 1), scan.Identity);
        var vendor = scan.Find(SunSpecTestDevices.VendorModelId)!;
        Assert.False(vendor.IsKnown);
        Assert.Equal(10, vendor.Length);
        Assert.Null(vendor.Root);
        Assert.Equal(4950m, scan.Find(101)!.Value("W"));
        Assert.Equal("W", scan.Find(101)!.Find("W")!.Units);
        Assert.Equal(5000m, scan.Find(120)!.Value("WRtg"));
        Assert.Equal(100.0m, scan.Find(123)!.Value("WMaxLimPct"));
        Assert.Null(scan.Find(101)!.Value("AphC"));
    }

    [Fact]
    public async Task A_three_phase_der_inverter_decodes_its_700_series_models()
    {
        await using var peer = await SunSpecPeer.StartAsync(1, 0, SunSpecTestDevices.ThreePhaseDerInverter().Build());
        await using var modbus = Client(peer);

        var scan = await new SunSpecClient(modbus, 1).ScanAsync(CancellationToken.None);

        Assert.Equal([1, 103, 701, 702, 704, 705], scan.Models.Select(m => m.Id));
        Assert.Equal(9870m, scan.Find(701)!.Value("W"));
        Assert.Equal(76_543_200m, scan.Find(701)!.Value("TotWhInj"));
        Assert.Equal(49.990m, scan.Find(701)!.Value("Hz"));
        Assert.Equal("THREE_PHASE", scan.Find(701)!.Find("ACType")!.Text);
        Assert.Equal(10000m, scan.Find(702)!.Value("WMaxRtg"));
        Assert.Equal(2, scan.Find(705)!.Root!.Groups.Count);
    }

    [Fact]
    public async Task A_battery_reports_state_of_charge_in_802_124_and_713()
    {
        await using var peer = await SunSpecPeer.StartAsync(1, 40000, SunSpecTestDevices.Battery().Build());
        await using var modbus = Client(peer);

        var scan = await new SunSpecClient(modbus, 1).ScanAsync(CancellationToken.None);

        Assert.Equal(65.5m, scan.Find(802)!.Value("SoC"));
        Assert.Equal(65.5m, scan.Find(124)!.Value("ChaState"));
        Assert.Equal(65.5m, scan.Find(713)!.Value("SoC"));
        Assert.Equal(6550m, scan.Find(713)!.Value("WHAvail"));
        Assert.Equal("CHARGING", scan.Find(124)!.Find("ChaSt")!.Text);
    }

    [Fact]
    public async Task Scaled_writes_land_in_the_servers_registers()
    {
        var map = SunSpecTestDevices.SinglePhaseInverter();
        await using var peer = await SunSpecPeer.StartAsync(1, 40000, map.Build());
        await using var modbus = Client(peer);
        var client = new SunSpecClient(modbus, 1);
        var controls = (await client.DiscoverAsync(CancellationToken.None)).Find(123)!;

        var written = await client.WriteAsync(controls, [("WMaxLimPct", 42.54m), ("WMaxLim_Ena", 1)], CancellationToken.None);

        // WMaxLimPct_SF is -1: 42.54 % is written as 425 (42.5 %, the device's resolution).
        Assert.Equal([42.5m, 1m], written);
        var limitAddress = (ushort)(controls.Address + 2 + 3);
        var enableAddress = (ushort)(controls.Address + 2 + 7);
        Assert.Equal(new ushort[] { 425 }, await peer.GetAsync(1, limitAddress, 1));
        Assert.Equal(new ushort[] { 1 }, await peer.GetAsync(1, enableAddress, 1));
        Assert.Equal(42.5m, (await client.ReadAsync(controls, CancellationToken.None)).Value("WMaxLimPct"));
    }

    [Fact]
    public async Task Storage_and_der_controls_are_written_with_their_own_scale_factors()
    {
        var map = SunSpecTestDevices.Battery();
        await using var peer = await SunSpecPeer.StartAsync(1, 40000, map.Build());
        await using var modbus = Client(peer);
        var client = new SunSpecClient(modbus, 1);
        var scan = await client.DiscoverAsync(CancellationToken.None);

        await client.WriteAsync(scan.Find(124)!, [("OutWRte", -12.5m), ("StorCtl_Mod", 2)], CancellationToken.None);
        await client.WriteAsync(scan.Find(704)!, [("WSet", -3000m), ("WSetEna", 1)], CancellationToken.None);

        var storage = await client.ReadAsync(scan.Find(124)!, CancellationToken.None);
        var der = await client.ReadAsync(scan.Find(704)!, CancellationToken.None);
        Assert.Equal(-12.5m, storage.Value("OutWRte"));
        Assert.Equal(2m, storage.Value("StorCtl_Mod"));
        Assert.Equal(-3000m, der.Value("WSet"));
        Assert.Equal(new ushort[] { 0xFFFF, 0xF448 }, await peer.GetAsync(1, der.Find("WSet")!.Address, 2));
    }

    [Theory]
    [InlineData("W", 100, "read-only")]
    [InlineData("NoSuchPoint", 1, "has no point 'NoSuchPoint'")]
    [InlineData("WMaxLimPct", 7000, "cannot be written to WMaxLimPct")]
    [InlineData("WMaxLimPct", -1, "cannot be written to WMaxLimPct")]
    public async Task A_write_that_cannot_be_right_is_refused_before_anything_is_written(string point, int value, string says)
    {
        var map = SunSpecTestDevices.SinglePhaseInverter();
        await using var peer = await SunSpecPeer.StartAsync(1, 40000, map.Build());
        await using var modbus = Client(peer);
        var client = new SunSpecClient(modbus, 1);
        var scan = await client.DiscoverAsync(CancellationToken.None);
        var model = point == "W" ? scan.Find(101)! : scan.Find(123)!;
        var before = await peer.GetAsync(1, model.Address, model.Length + 2);

        var e = await Assert.ThrowsAsync<SunSpecException>(() => client.WriteAsync(model, point == "W" ? [(point, value)] : [("WMaxLim_Ena", 1), (point, value)], CancellationToken.None));

        Assert.Contains(says, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, await peer.GetAsync(1, model.Address, model.Length + 2));
    }

    [Fact]
    public async Task An_exception_code_for_one_model_is_reported_and_the_scan_goes_on()
    {
        var map = SunSpecTestDevices.SinglePhaseInverter();
        var registers = map.Build();
        var at120 = map.AddressOf(120);
        await using var peer = await SunSpecPeer.StartAsync(1, 40000, registers, exceptions: [(1, (ushort)(at120 + 4), 2, 4)]);
        await using var modbus = Client(peer);

        var scan = await new SunSpecClient(modbus, 1).ScanAsync(CancellationToken.None);

        var failed = scan.Find(120)!;
        Assert.Null(failed.Root);
        Assert.Contains("ServerDeviceFailure", failed.Error, StringComparison.Ordinal);
        Assert.NotNull(scan.Find(123)!.Root);
        Assert.Equal(100.0m, scan.Find(123)!.Value("WMaxLimPct"));
    }

    [Fact]
    public async Task No_marker_anywhere_is_a_clear_error()
    {
        await using var peer = await SunSpecPeer.StartAsync(1, 40000, [1, 2, 3, 4]);
        await using var modbus = Client(peer);

        var e = await Assert.ThrowsAsync<SunSpecException>(() => new SunSpecClient(modbus, 1).DiscoverAsync(CancellationToken.None));

        Assert.Contains("no SunSpec marker 'SunS' at 40000, 0, 50000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_a_gateway_cannot_reach_is_named_not_taken_for_a_missing_marker()
    {
        await using var peer = await SunSpecPeer.StartAsync(1, 40000, SunSpecTestDevices.Meter(40000).Build());
        await using var modbus = Client(peer);

        var e = await Assert.ThrowsAsync<ModbusException>(() => new SunSpecClient(modbus, 7).DiscoverAsync(CancellationToken.None));

        Assert.Equal(ModbusExceptionCode.GatewayTargetFailedToRespond, e.Code);
    }

    [Fact]
    public async Task A_slow_device_times_out_with_a_message_that_says_so()
    {
        await using var peer = await SunSpecPeer.StartAsync(1, 40000, SunSpecTestDevices.Meter(40000).Build(), delayMs: 3000);
        await using var modbus = new ModbusTcpClient(new ModbusTcpClientOptions("127.0.0.1", peer.Port, TimeSpan.FromMilliseconds(250)));

        var e = await Assert.ThrowsAsync<TimeoutException>(() => new SunSpecClient(modbus, 1).ScanAsync(CancellationToken.None));

        Assert.Contains("got no answer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_dropped_mid_scan_fails_that_scan_and_the_next_scan_reconnects()
    {
        var map = SunSpecTestDevices.SinglePhaseInverter();
        await using var peer = await SunSpecPeer.StartAsync(1, 40000, map.Build(), dropAtRequest: 5);
        await using var modbus = Client(peer);
        var client = new SunSpecClient(modbus, 1);

        await Assert.ThrowsAsync<IOException>(() => client.ScanAsync(CancellationToken.None));
        var scan = await client.ScanAsync(CancellationToken.None);

        Assert.Equal(5, scan.Models.Count);
        Assert.Equal(2, modbus.Connections);
    }

    private static ModbusTcpClient Client(SunSpecPeer peer) => new(new ModbusTcpClientOptions("127.0.0.1", peer.Port, TimeSpan.FromSeconds(5)));
}
