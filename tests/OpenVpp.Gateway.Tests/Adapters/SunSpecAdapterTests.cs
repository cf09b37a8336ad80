using OpenVpp.Protocols.SunSpec.Simulation;
using Microsoft.Extensions.Logging;
using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Adapters.SunSpec;
using OpenVpp.Gateway.Capabilities;
using OpenVpp.Gateway.Tests.Support;
using OpenVpp.Testing.SunSpec;

namespace OpenVpp.Gateway.Tests.Adapters;

/// <summary>The SunSpec adapter against npm modbus-serial's ServerTCP serving an inverter, a battery and a meter.</summary>
public sealed class SunSpecAdapterTests
{
    private static readonly SunSpecUnitOptions Inverter = new(1, "home-1/pv", DeviceKind.SolarInverter, "NL-NH", "home-1", 5000);
    private static readonly SunSpecUnitOptions Battery = new(2, "home-1/battery", DeviceKind.Battery, "NL-NH", "home-1", 5000, 10000);
    private static readonly SunSpecUnitOptions Meter = new(3, "home-1/grid", DeviceKind.GridMeter, "NL-NH", "home-1", 17000);

    [Fact]
    public async Task One_endpoint_serves_an_inverter_a_battery_and_a_meter_with_their_signs()
    {
        await using var site = await Site.StartAsync();

        await site.UntilOnlineAsync();

        Assert.Equal(4950, await site.Device<IPowerMeter>(Inverter).CurrentPowerWAsync(default));
        Assert.Equal(new EnergyRegisters(0, 12_345_670), await site.Device<IEnergyMeter>(Inverter).EnergyRegistersAsync(default));
        Assert.Equal(-2500, await site.Device<IPowerMeter>(Battery).CurrentPowerWAsync(default));
        Assert.Equal((ushort)6550, await site.Device<IStateOfCharge>(Battery).StateOfChargeBpAsync(default));
        Assert.Equal(-1840, await site.Device<IPowerMeter>(Meter).CurrentPowerWAsync(default));
        Assert.Equal(new EnergyRegisters(9_123_450, 3_456_780), await site.Device<IEnergyMeter>(Meter).EnergyRegistersAsync(default));
        Assert.False(site.Adapter.Devices.Single(d => d.Descriptor.Name == Inverter.DeviceName) is IBatterySetpoint);
        Assert.False(site.Adapter.Devices.Single(d => d.Descriptor.Name == Meter.DeviceName) is IInverterLimit);
        Assert.Contains(site.Logs.Lines, l => l.Message.Contains("64001 (10 registers)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Interval_energy_comes_from_the_meters_registers()
    {
        await using var site = await Site.StartAsync();
        var start = DateTimeOffset.UtcNow;
        await site.UntilOnlineAsync();
        var totWhImp = SunSpecTestDevices.Meter(40000).AddressOf(203, "TotWhImp");

        // TotWhImp 912345 -> 912445 (x10 Wh): 1000 Wh imported.
        await site.Peer.SetAsync(3, totWhImp, 0x000D, 0xEC3D);
        await Wait.UntilAsync(async () => (await site.Device<IEnergyMeter>(Meter).EnergyRegistersAsync(default)).ImportedWh == 9_124_450);
        var measurements = await site.Adapter.MeasureAsync(start, DateTimeOffset.UtcNow.AddMilliseconds(1), default);

        var grid = measurements.Single(m => m.DeviceName == Meter.DeviceName);
        Assert.Equal(1000, grid.EnergyImportedWh);
        Assert.Equal(0, grid.EnergyExportedWh);
    }

    [Fact]
    public async Task An_inverter_limit_in_watts_is_written_as_a_percentage_through_model_123()
    {
        await using var site = await Site.StartAsync();
        await site.UntilOnlineAsync();
        var limit = site.Device<IInverterLimit>(Inverter);
        var map = SunSpecTestDevices.SinglePhaseInverter();

        await limit.ApplyInverterLimitAsync(2500, default);
        var limited = await site.Peer.GetAsync(1, map.AddressOf(123, "WMaxLimPct"), 5);
        await limit.ApplyInverterLimitAsync(null, default);
        var released = await site.Peer.GetAsync(1, map.AddressOf(123, "WMaxLim_Ena"), 1);

        // 2500 W of WRtg 5000 W = 50.0 % (WMaxLimPct_SF -1), then WMaxLim_Ena = 1; null disables the limit.
        Assert.Equal((ushort)500, limited[0]);
        Assert.Equal((ushort)1, limited[4]);
        Assert.Equal((ushort)0, released[0]);
    }

    [Fact]
    public async Task A_der_inverter_is_limited_through_model_704_against_its_702_rating()
    {
        var unit = Inverter with { UnitId = 1 };
        var map = SunSpecTestDevices.ThreePhaseDerInverter();
        await using var peer = await SunSpecPeer.StartAsync(1, 0, map.Build());
        await using var adapter = new SunSpecAdapter(Options(peer, unit));
        using var run = new CancellationTokenSource();
        var running = adapter.RunAsync(run.Token);
        await Wait.UntilAsync(() => adapter.LinkStates.All(s => s.Online));

        await ((IInverterLimit)adapter.Devices[0]).ApplyInverterLimitAsync(2500, default);

        var der = await peer.GetAsync(1, map.AddressOf(704, "WMaxLimPctEna"), 2);
        Assert.Equal((ushort)1, der[0]); // WMaxLimPctEna
        Assert.Equal((ushort)25, der[1]); // WMaxLimPct, 2500 of 10000 W
        Assert.Equal(9870, await ((IPowerMeter)adapter.Devices[0]).CurrentPowerWAsync(default));
        await run.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_battery_setpoint_goes_through_704_in_watts()
    {
        await using var site = await Site.StartAsync();
        await site.UntilOnlineAsync();
        var wSetEna = SunSpecTestDevices.Battery().AddressOf(704, "WSetEna");

        await site.Device<IBatterySetpoint>(Battery).ApplyBatterySetpointAsync(-3000, default);

        var registers = await site.Peer.GetAsync(2, wSetEna, 4);
        Assert.Equal((ushort)1, registers[0]); // WSetEna
        Assert.Equal((ushort)1, registers[1]); // WSetMod = WATTS
        Assert.Equal(new ushort[] { 0xFFFF, 0xF448 }, registers[2..4]); // WSet = -3000 W
    }

    [Fact]
    public async Task A_battery_with_only_basic_storage_controls_gets_a_charge_rate()
    {
        var map = new SunSpecMapBuilder()
            .Model(1, m => m.Text("Mn", "Old").Text("Md", "B1").Text("SN", "7"))
            .Model(103, m => m.Set("W", -1000).Set("W_SF", 0))
            .Model(124, m => m.Set("WChaMax", 5000).Set("WChaMax_SF", 0).Set("ChaState", 42).Set("ChaState_SF", 0)
                .Set("InWRte", 0).Set("OutWRte", 0).Set("InOutWRte_SF", -1).Set("StorCtl_Mod", 0));
        await using var peer = await SunSpecPeer.StartAsync(2, 40000, map.Build());
        await using var adapter = new SunSpecAdapter(Options(peer, Battery));
        using var run = new CancellationTokenSource();
        var running = adapter.RunAsync(run.Token);
        await Wait.UntilAsync(() => adapter.LinkStates.All(s => s.Online));

        await ((IBatterySetpoint)adapter.Devices[0]).ApplyBatterySetpointAsync(-2500, default);

        Assert.Equal(new ushort[] { 1 }, await peer.GetAsync(2, map.AddressOf(124, "StorCtl_Mod"), 1)); // charge limit active
        Assert.Equal(new ushort[] { 500 }, await peer.GetAsync(2, map.AddressOf(124, "InWRte"), 1)); // 50.0 % of WChaMax
        Assert.Equal((ushort)4200, await ((IStateOfCharge)adapter.Devices[0]).StateOfChargeBpAsync(default));
        await run.CancelAsync();
        await running;
    }

    [Fact]
    public async Task A_unit_whose_models_do_not_fit_its_kind_is_offline_with_the_reason_and_the_others_run()
    {
        await using var site = await Site.StartAsync(meterKind: DeviceKind.Battery);

        // The link state changes just before the log line is written: wait for both.
        await Wait.UntilAsync(() => site.State(Meter).LastError is not null && site.State(Inverter).Online && site.State(Battery).Online &&
            site.Logs.Lines.Any(l => l.Level == LogLevel.Error && l.Message.Contains("Fix the unit id or the kind", StringComparison.Ordinal)));

        Assert.False(site.State(Meter).Online);
        Assert.Contains("no storage model (124, 713 or 802); it has 1, 203", site.State(Meter).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_code_takes_one_unit_offline_and_the_adapter_keeps_polling_the_rest()
    {
        var battery = SunSpecTestDevices.Battery();
        await using var site = await Site.StartAsync(exceptions: [(2, battery.AddressOf(802, "SoC"), 1, 4)]);

        await Wait.UntilAsync(() => site.State(Battery).LastError is not null && site.State(Inverter).Online && site.State(Meter).Online);

        Assert.Contains("ServerDeviceFailure", site.State(Battery).LastError, StringComparison.Ordinal);
        Assert.Contains(site.Logs.Lines, l => l.Message.Contains("keeps polling", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dropped_endpoint_marks_devices_offline_and_they_come_back_when_it_answers()
    {
        await using var site = await Site.StartAsync();
        await site.UntilOnlineAsync();

        await site.Peer.DelayAsync(1500);
        await Wait.UntilAsync(() => site.Adapter.LinkStates.Any(s => !s.Online));
        await site.Peer.DelayAsync(0);
        await site.Peer.DropNowAsync();
        await site.UntilOnlineAsync();

        // The link state changes just before the log line is written: wait for the lines rather than assert at once.
        await Wait.UntilAsync(() => site.Logs.Lines.Any(l => l.Message.Contains("online again", StringComparison.Ordinal)));
        Assert.Contains(site.Logs.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("is offline", StringComparison.Ordinal));
    }

    private static SunSpecAdapterOptions Options(SunSpecPeer peer, params SunSpecUnitOptions[] units) =>
        new("127.0.0.1", peer.Port, units, PollPeriod: TimeSpan.FromMilliseconds(100), RequestTimeout: TimeSpan.FromMilliseconds(500), MaxRetryDelay: TimeSpan.FromMilliseconds(400));

    /// <summary>An inverter (unit 1), a battery (unit 2) and a meter (unit 3) behind one Modbus TCP endpoint, polled.</summary>
    private sealed class Site : IAsyncDisposable
    {
        private readonly CancellationTokenSource _run = new();
        private readonly ILoggerFactory _loggers;
        private Task _running = Task.CompletedTask;

        private Site(SunSpecPeer peer, SunSpecAdapter adapter, ListLoggerProvider logs, ILoggerFactory loggers)
        {
            Peer = peer;
            Adapter = adapter;
            Logs = logs;
            _loggers = loggers;
        }

        public SunSpecPeer Peer { get; }

        public SunSpecAdapter Adapter { get; }

        public ListLoggerProvider Logs { get; }

        public static async Task<Site> StartAsync(DeviceKind meterKind = DeviceKind.GridMeter, IEnumerable<(byte? Unit, ushort Start, ushort Count, byte Code)>? exceptions = null)
        {
            var peer = await SunSpecPeer.StartAsync(
                new Dictionary<byte, (ushort, ushort[])>
                {
                    [1] = (40000, SunSpecTestDevices.SinglePhaseInverter().Build()),
                    [2] = (40000, SunSpecTestDevices.Battery().Build()),
                    [3] = (40000, SunSpecTestDevices.Meter(40000).Build()),
                },
                exceptions);
            var logs = new ListLoggerProvider();
            var loggers = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
            var adapter = new SunSpecAdapter(Options(peer, Inverter, Battery, Meter with { Kind = meterKind }), logger: loggers.CreateLogger<SunSpecAdapter>());
            var site = new Site(peer, adapter, logs, loggers);
            site._running = adapter.RunAsync(site._run.Token);
            return site;
        }

        public T Device<T>(SunSpecUnitOptions unit) => (T)Adapter.Devices.Single(d => d.Descriptor.Name == unit.DeviceName);

        public DeviceLinkState State(SunSpecUnitOptions unit) => Adapter.LinkStates.Single(s => s.DeviceName == unit.DeviceName);

        public Task UntilOnlineAsync() => Wait.UntilAsync(() => Adapter.LinkStates.All(s => s.Online));

        public async ValueTask DisposeAsync()
        {
            await _run.CancelAsync();
            await _running;
            await Adapter.DisposeAsync();
            await Peer.DisposeAsync();
            _loggers.Dispose();
            Logs.Dispose();
            _run.Dispose();
        }
    }
}
