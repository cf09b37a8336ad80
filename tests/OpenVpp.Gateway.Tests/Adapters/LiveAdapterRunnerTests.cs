using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Adapters;
using OpenVpp.Gateway.Tests.Support;

namespace OpenVpp.Gateway.Tests.Adapters;

/// <summary>The gateway's supervision of live adapters: a failing adapter is restarted and never stops the gateway.</summary>
public sealed class LiveAdapterRunnerTests : IAsyncLifetime
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
    public async Task An_adapter_that_crashes_is_restarted_and_the_gateway_keeps_producing_for_the_others()
    {
        var crashing = new CrashingLiveAdapter(crashes: 2);
        await using (var gateway = await GatewayHarness.StartAsync(
            GatewayHarness.Options(_dir.Path, _node.Url), _time, devices: 3, services => services.AddSingleton<IDeviceAdapter>(crashing)))
        {
            var logs = gateway.Logs;

            // Backoff delays run on the fake clock: move it until the third run is steady.
            await Wait.UntilAsync(() => Task.FromResult(crashing.Runs >= 3), _time, TimeSpan.FromSeconds(5));
            await Wait.UntilAsync(() => Task.FromResult(_node.Stored.Count >= 3), _time, TimeSpan.FromMinutes(1));

            Assert.Equal(2, logs.Lines.Count(l => l.Level == LogLevel.Error && l.Message.Contains("Adapter crashing stopped with an error", StringComparison.Ordinal)));
            await Wait.UntilAsync(() => Task.FromResult(logs.Lines.Any(l => l.Message.Contains("Device live/meter (crashing) is online", StringComparison.Ordinal))), _time, TimeSpan.FromSeconds(5));
        }

        Assert.True(crashing.StoppedCleanly);
    }

    private sealed class CrashingLiveAdapter(int crashes) : ILiveDeviceAdapter
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public bool StoppedCleanly { get; private set; }

        public string Name => "crashing";

        public IReadOnlyList<IAdapterDevice> Devices { get; } = [new Device()];

        public IReadOnlyList<DeviceLinkState> LinkStates =>
            [new DeviceLinkState("live/meter", Runs > crashes, null, Runs > crashes ? null : "crashed")];

        public ValueTask ResumeAtAsync(DateTimeOffset intervalStart, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<IReadOnlyList<IntervalMeasurement>> MeasureAsync(DateTimeOffset intervalStart, DateTimeOffset intervalEnd, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<IntervalMeasurement>>([]);

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _runs) <= crashes)
            {
                throw new InvalidOperationException("port already in use");
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                StoppedCleanly = true;
                throw;
            }
        }

        private sealed class Device : IAdapterDevice
        {
            public DeviceDescriptor Descriptor { get; } = new("live/meter", DeviceKind.GridMeter, 17_250, 0, "NL-NH", "live");
        }
    }
}
