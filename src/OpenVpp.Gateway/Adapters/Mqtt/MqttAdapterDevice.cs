using OpenVpp.Gateway.Adapters.Live;
using OpenVpp.Protocols.Mqtt;

namespace OpenVpp.Gateway.Adapters.Mqtt;

/// <summary>
/// One device fed by MQTT messages: its mappings' decoders, the sum of its values (<see cref="MqttDeviceAggregator"/>)
/// and the <see cref="LiveIntervalMeter"/> that turns samples into interval measurements.
/// </summary>
public sealed class MqttAdapterDevice : IAdapterDevice
{
    private readonly Lock _gate = new();
    private readonly MqttDeviceAggregator _aggregator;

    internal MqttAdapterDevice(DeviceDescriptor descriptor, IReadOnlyList<MqttReadingMapping> mappings)
    {
        Descriptor = descriptor;
        Decoders = [.. mappings.Select(m => new MqttMappingDecoder(m))];
        _aggregator = new MqttDeviceAggregator(mappings);
        Meter = new LiveIntervalMeter(descriptor.Name);
    }

    public DeviceDescriptor Descriptor { get; }

    /// <summary>The device's samples and interval measurements.</summary>
    public LiveIntervalMeter Meter { get; }

    /// <summary>The latest sample, for status and tests; null until the first accepted value.</summary>
    public DeviceSample? Latest => Meter.Latest;

    internal IReadOnlyList<MqttMappingDecoder> Decoders { get; }

    internal DateTimeOffset? LastMessageAt { get; private set; }

    internal bool Online { get; set; }

    internal DateTimeOffset? OnlineSince { get; set; }

    internal string? LastError { get; set; }

    /// <summary>
    /// Applies one message's decoded values (rejections are returned for logging) and records a sample when
    /// anything was accepted.
    /// </summary>
    internal List<string> Apply(IReadOnlyList<int> mappingIndexes, ReadOnlySpan<byte> payload, long payloadLength, DateTimeOffset at)
    {
        var rejections = new List<string>();
        lock (_gate)
        {
            LastMessageAt = at;
            double? imported = null, exported = null, power = null, soc = null, soh = null;
            foreach (var index in mappingIndexes)
            {
                var decoder = Decoders[index];
                var value = payloadLength > MqttMappingDecoder.MaxPayloadBytes
                    ? MqttDecodedValue.Reject(decoder.Mapping.Quantity, $"payload of {payloadLength} bytes is over the {MqttMappingDecoder.MaxPayloadBytes}-byte limit")
                    : decoder.Decode(payload);
                if (value.Rejection is { } reason)
                {
                    rejections.Add(reason);
                    LastError = reason;
                    continue;
                }

                var changed = _aggregator.Apply(index, value.Value!.Value);
                imported = changed.ImportedWh ?? imported;
                exported = changed.ExportedWh ?? exported;
                power = changed.PowerW ?? power;
                soc = changed.StateOfChargeBp ?? soc;
                soh = changed.StateOfHealthBp ?? soh;
            }

            if (imported is null && power is null && soc is null && soh is null)
            {
                return rejections;
            }

            Meter.Record(new DeviceSample(
                at,
                imported is { } i && exported is { } e ? new Capabilities.EnergyRegisters((long)Math.Round(i), (long)Math.Round(e)) : null,
                power is { } p ? (int)Math.Round(p) : null,
                soc is { } c ? (ushort)Math.Round(c) : null,
                soh is { } h ? (ushort)Math.Round(h) : null));
            return rejections;
        }
    }
}
