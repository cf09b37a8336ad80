using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Capabilities;
using OpenVpp.Gateway.DemandResponse;
using OpenVpp.Gateway.Tests.Support;

namespace OpenVpp.Gateway.Tests.DemandResponse;

public class SetpointExecutorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 17, 0, 0, TimeSpan.Zero);

    private readonly Battery _battery = new("home-1/battery");
    private readonly Charger _charger = new("home-1/ev");
    private readonly DispatchInstructions _instructions = new();
    private readonly ListLoggerProvider _log = new();
    private readonly SetpointExecutor _executor;

    public SetpointExecutorTests()
    {
        var logger = new Microsoft.Extensions.Logging.Logger<SetpointExecutor>(new Microsoft.Extensions.Logging.LoggerFactory([_log]));
        _executor = new SetpointExecutor(_instructions, [new Adapter(_battery, _charger)], logger);
    }

    [Fact]
    public async Task A_setpoint_is_applied_at_its_start_held_without_repeating_and_released_once_at_its_end()
    {
        _instructions.Replace("ev-1", [new("ev-1", _battery.Descriptor.Name, T0, T0.AddHours(3), SetpointKind.BatteryPowerW, 2_500)]);

        Assert.Equal(0, await _executor.ReconcileAsync(T0.AddSeconds(-1), default));
        Assert.Equal(1, await _executor.ReconcileAsync(T0, default));
        Assert.Equal(0, await _executor.ReconcileAsync(T0.AddMinutes(30), default));
        Assert.Equal(1, await _executor.ReconcileAsync(T0.AddHours(3), default));
        Assert.Equal(0, await _executor.ReconcileAsync(T0.AddHours(4), default));

        Assert.Equal<int?>([2_500, null], _battery.Calls);
        Assert.Null(_executor.Applied[_battery.Descriptor.Name].Kind);
    }

    [Fact]
    public async Task A_device_that_refuses_is_retried_with_backoff_and_the_failure_is_logged()
    {
        _charger.FailNext = 2;
        _instructions.Replace("ev-1", [new("ev-1", _charger.Descriptor.Name, T0, T0.AddHours(3), SetpointKind.ChargingLimitW, 0)]);

        await _executor.ReconcileAsync(T0, default);
        Assert.False(_executor.Applied[_charger.Descriptor.Name].Accepted);

        // The first retry waits at least half the 2 s initial backoff (jitter), so a tick at +0.5 s makes no call.
        Assert.Equal(0, await _executor.ReconcileAsync(T0.AddMilliseconds(500), default));
        await _executor.ReconcileAsync(T0.AddSeconds(5), default);
        await _executor.ReconcileAsync(T0.AddSeconds(30), default);

        Assert.Equal<int?>([0, 0, 0], _charger.Calls);
        Assert.True(_executor.Applied[_charger.Descriptor.Name].Accepted);
        Assert.Equal(2, _log.Lines.Count(e => e.Message.Contains("did not take its setpoint", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Unknown_devices_and_impossible_setpoints_are_ignored_with_one_warning_each()
    {
        _instructions.Replace("ev-1",
        [
            new("ev-1", "home-9/battery", T0, T0.AddHours(1), SetpointKind.BatteryPowerW, 1_000),
            new("ev-1", _charger.Descriptor.Name, T0, T0.AddHours(1), SetpointKind.BatteryPowerW, 1_000),
            new("ev-1", _battery.Descriptor.Name, T0, T0.AddHours(1), SetpointKind.BatteryPowerW, 1_000),
        ]);

        await _executor.ReconcileAsync(T0, default);
        await _executor.ReconcileAsync(T0.AddMinutes(1), default);

        Assert.Single(_log.Lines, e => e.Message.Contains("home-9/battery", StringComparison.Ordinal));
        Assert.Single(_log.Lines, e => e.Message.Contains("cannot do", StringComparison.Ordinal));
        Assert.Empty(_charger.Calls);
        Assert.Equal<int?>([1_000], _battery.Calls);
    }

    [Fact]
    public async Task A_re_dispatch_replaces_the_events_instructions_and_the_later_event_wins_an_overlap()
    {
        _instructions.Replace("ev-1",
        [
            new("ev-1", _battery.Descriptor.Name, T0, T0.AddHours(3), SetpointKind.BatteryPowerW, 2_000),
            new("ev-1", _charger.Descriptor.Name, T0, T0.AddHours(3), SetpointKind.ChargingLimitW, 1_400),
        ]);
        await _executor.ReconcileAsync(T0, default);

        // Re-dispatch drops the charger and lowers the battery; a second event then overrides the battery.
        _instructions.Replace("ev-1", [new("ev-1", _battery.Descriptor.Name, T0, T0.AddHours(3), SetpointKind.BatteryPowerW, 1_200)]);
        await _executor.ReconcileAsync(T0.AddMinutes(15), default);
        _instructions.Replace("ev-2", [new("ev-2", _battery.Descriptor.Name, T0.AddHours(1), T0.AddHours(2), SetpointKind.BatteryPowerW, 3_000)]);
        await _executor.ReconcileAsync(T0.AddHours(1), default);
        await _executor.ReconcileAsync(T0.AddHours(2), default);

        Assert.Equal<int?>([2_000, 1_200, 3_000, 1_200], _battery.Calls);
        Assert.Equal<int?>([1_400, null], _charger.Calls);
        Assert.Equal("ev-1", _executor.Applied[_battery.Descriptor.Name].EventId);
    }

    [Fact]
    public async Task Cancelling_an_event_releases_its_devices()
    {
        _instructions.Replace("ev-1", [new("ev-1", _charger.Descriptor.Name, T0, T0.AddHours(3), SetpointKind.ChargingLimitW, 0)]);
        await _executor.ReconcileAsync(T0, default);

        Assert.True(_instructions.Cancel("ev-1"));
        await _executor.ReconcileAsync(T0.AddMinutes(5), default);

        Assert.Equal<int?>([0, null], _charger.Calls);
        Assert.False(_instructions.Cancel("ev-1"));
    }

    [Theory]
    [InlineData(SetpointKind.ChargingLimitW, -1, "cannot be negative")]
    [InlineData(SetpointKind.GenerationLimitW, -5, "cannot be negative")]
    public void A_malformed_instruction_is_refused_whole_naming_the_device(SetpointKind kind, int w, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => _instructions.Replace("ev-1",
        [
            new("ev-1", "home-1/battery", T0, T0.AddHours(1), SetpointKind.BatteryPowerW, 500),
            new("ev-1", "home-1/x", T0, T0.AddHours(1), kind, w),
        ]));

        Assert.Contains("home-1/x", error.Message);
        Assert.Contains(reason, error.Message);
        Assert.Empty(_instructions.ActiveAt(T0));
    }

    [Fact]
    public void An_instruction_that_ends_before_it_starts_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            _instructions.Replace("ev-1", [new("ev-1", "home-1/battery", T0, T0, SetpointKind.BatteryPowerW, 500)]));
        Assert.Contains("before it starts", error.Message);
    }

    private sealed class Adapter(params IAdapterDevice[] devices) : IDeviceAdapter
    {
        public string Name => "test";

        public IReadOnlyList<IAdapterDevice> Devices { get; } = devices;

        public ValueTask ResumeAtAsync(DateTimeOffset intervalStart, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<IReadOnlyList<IntervalMeasurement>> MeasureAsync(DateTimeOffset intervalStart, DateTimeOffset intervalEnd, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<IntervalMeasurement>>([]);
    }

    private sealed class Battery(string name) : IAdapterDevice, IBatterySetpoint
    {
        public DeviceDescriptor Descriptor { get; } = new(name, DeviceKind.Battery, 5_000, 10_000, "NL-NH", "home-1");

        public List<int?> Calls { get; } = [];

        public ValueTask ApplyBatterySetpointAsync(int? setpointW, CancellationToken cancellationToken)
        {
            Calls.Add(setpointW);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Charger(string name) : IAdapterDevice, IChargingLimit
    {
        public DeviceDescriptor Descriptor { get; } = new(name, DeviceKind.EvCharger, 11_000, 0, "NL-NH", "home-1");

        public List<int?> Calls { get; } = [];

        public int FailNext { get; set; }

        public ValueTask ApplyChargingLimitAsync(int? limitW, CancellationToken cancellationToken)
        {
            Calls.Add(limitW);
            if (FailNext > 0)
            {
                FailNext--;
                throw new IOException("the charger is offline");
            }

            return ValueTask.CompletedTask;
        }
    }
}
