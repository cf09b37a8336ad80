using OpenVpp.Core.Devices;
using OpenVpp.Core.Readings;
using OpenVpp.Gateway.Adapters;

namespace OpenVpp.Gateway.Tests.Support;

/// <summary>A deterministic adapter of grid meters, standing in for the simulator (whose Step is not merged here).</summary>
internal sealed class TestAdapter : IDeviceAdapter
{
    private readonly Lock _gate = new();
    private readonly List<DateTimeOffset> _measured = [];

    public TestAdapter(int deviceCount)
    {
        Devices = [.. Enumerable.Range(0, deviceCount).Select(i => new Device(
            new DeviceDescriptor($"home-{i:D4}/grid", DeviceKind.GridMeter, 17_000, 0, "nl-north", $"home-{i:D4}")))];
    }

    public string Name => "test";

    public IReadOnlyList<IAdapterDevice> Devices { get; }

    public DateTimeOffset? ResumedAt { get; private set; }

    public IReadOnlyList<DateTimeOffset> Measured
    {
        get { lock (_gate) { return [.. _measured]; } }
    }

    public ValueTask ResumeAtAsync(DateTimeOffset intervalStart, CancellationToken cancellationToken)
    {
        ResumedAt = intervalStart;
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<IntervalMeasurement>> MeasureAsync(DateTimeOffset intervalStart, DateTimeOffset intervalEnd, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _measured.Add(intervalStart);
        }

        var minute = intervalStart.ToUnixTimeSeconds() / 60 % 1000;
        return ValueTask.FromResult<IReadOnlyList<IntervalMeasurement>>(
            [.. Devices.Select((d, i) => new IntervalMeasurement(d.Descriptor.Name, minute + i, i, -100, 400, null, null, ReadingStatus.Estimated))]);
    }

    private sealed record Device(DeviceDescriptor Descriptor) : IAdapterDevice;
}
