using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Adapters.Live;
using OpenVpp.Gateway.Capabilities;
using OpenVpp.Gateway.Tests.Support;

namespace OpenVpp.Gateway.Tests.Adapters;

/// <summary>With live devices the producer closes an interval a little after its boundary, so samples in flight count.</summary>
public sealed class LiveSettleDelayTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly FakeTimeProvider _time = new(GatewayHarness.Origin + TimeSpan.FromMinutes(1));
    private FakeNode _node = null!;

    public async Task InitializeAsync() => _node = await FakeNode.StartAsync();

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_sample_stamped_before_the_boundary_that_arrives_just_after_it_counts_in_its_interval()
    {
        var adapter = new OneMeterAdapter(_time);
        await using var gateway = await GatewayHarness.StartAsync(
            GatewayHarness.Options(_dir.Path, _node.Url), _time, devices: 0, services => services.AddSingleton<IDeviceAdapter>(adapter));
        await Wait.UntilAsync(() => adapter.Resumed);
        var end = GatewayHarness.Origin + GatewayHarness.Interval;
        adapter.Meter.Record(new DeviceSample(GatewayHarness.Origin.AddMinutes(2), new EnergyRegisters(1_000, 0)));

        // At 15:05 the register stamped 14:59 arrives, five seconds after the boundary.
        _time.Advance(end.AddSeconds(5) - _time.GetUtcNow());
        adapter.Meter.Record(new DeviceSample(end.AddSeconds(-1), new EnergyRegisters(1_250, 0)));
        await Wait.UntilAsync(() => adapter.Measured is not null, _time, TimeSpan.FromSeconds(1));

        Assert.True(adapter.MeasuredAt >= end + TimeSpan.FromSeconds(10), $"closed at {adapter.MeasuredAt:O}");
        Assert.Equal(250, adapter.Measured!.EnergyImportedWh);
    }

    private sealed class OneMeterAdapter(TimeProvider time) : ILiveDeviceAdapter, IAdapterDevice
    {
        public LiveIntervalMeter Meter { get; } = new("live/meter");

        public volatile bool Resumed;

        public IntervalMeasurement? Measured { get; private set; }

        public DateTimeOffset MeasuredAt { get; private set; }

        public string Name => "one-meter";

        public IReadOnlyList<IAdapterDevice> Devices => [this];

        public DeviceDescriptor Descriptor { get; } = new("live/meter", DeviceKind.GridMeter, 17_250, 0, "NL-NH", "live");

        public IReadOnlyList<DeviceLinkState> LinkStates => [new("live/meter", true, null, null)];

        public ValueTask ResumeAtAsync(DateTimeOffset intervalStart, CancellationToken cancellationToken)
        {
            Resumed = true;
            return ValueTask.CompletedTask;
        }

        public ValueTask<IReadOnlyList<IntervalMeasurement>> MeasureAsync(DateTimeOffset intervalStart, DateTimeOffset intervalEnd, CancellationToken cancellationToken)
        {
            var m = Meter.Close(intervalStart, intervalEnd);
            if (Measured is null && m is not null)
            {
                MeasuredAt = time.GetUtcNow();
                Measured = m;
            }

            return ValueTask.FromResult<IReadOnlyList<IntervalMeasurement>>(m is null ? [] : [m]);
        }

        public Task RunAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
