using Microsoft.Extensions.Logging;
using OpenVpp.Core.Devices;
using OpenVpp.Gateway.Adapters.Mqtt;
using OpenVpp.Gateway.Tests.Support;
using OpenVpp.Protocols.Mqtt;

namespace OpenVpp.Gateway.Tests.Adapters.Mqtt;

/// <summary>An <see cref="MqttAdapter"/> running in the background with its log lines kept, stopped on dispose.</summary>
internal sealed class MqttAdapterHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ILoggerFactory _logs;

    public MqttAdapterHarness(MqttAdapterOptions options)
    {
        _logs = LoggerFactory.Create(b => b.AddProvider(Log).SetMinimumLevel(LogLevel.Debug));
        Adapter = new MqttAdapter(options, TimeProvider.System, _logs.CreateLogger<MqttAdapter>());
        Run = Task.Run(() => Adapter.RunAsync(_stop.Token));
    }

    public ListLoggerProvider Log { get; } = new();

    public MqttAdapter Adapter { get; }

    public Task Run { get; }

    /// <summary>A Tasmota plug ("plug" on tele/plug1/SENSOR) and a battery with plain-number SoC and power topics.</summary>
    public static MqttAdapterOptions Options(MqttBrokerOptions? broker, int embeddedPort = 1883) => new()
    {
        Broker = broker,
        EmbeddedBrokerPort = embeddedPort,
        ReconnectInitial = TimeSpan.FromMilliseconds(100),
        ReconnectMax = TimeSpan.FromMilliseconds(500),
        RejectionLogInterval = TimeSpan.Zero,
        Devices =
        [
            new MqttDeviceOptions("home-1/plug", DeviceKind.HouseholdLoad, "NL", "home-1", 3_600)
            {
                Preset = "tasmota-energy",
                PresetParameters = new Dictionary<string, string> { ["topic"] = "plug1" },
            },
            new MqttDeviceOptions("home-1/battery", DeviceKind.Battery, "NL", "home-1", 5_000, 10_000)
            {
                Mappings =
                [
                    new MqttReadingMapping("home/battery/soc", null, MqttQuantity.StateOfCharge, MqttValueUnit.Percent),
                    new MqttReadingMapping("home/battery/+/power", "$.value", MqttQuantity.Power, MqttValueUnit.KW),
                ],
            },
        ],
    };

    public MqttAdapterDevice Plug => Adapter.Device("home-1/plug");

    public MqttAdapterDevice Battery => Adapter.Device("home-1/battery");

    public bool Logged(string text) => Log.Lines.Any(l => l.Message.Contains(text, StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Run.WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
        _logs.Dispose();
    }
}
