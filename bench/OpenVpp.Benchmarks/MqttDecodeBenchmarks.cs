using System.Text;
using BenchmarkDotNet.Attributes;
using OpenVpp.Protocols.Mqtt;

namespace OpenVpp.Benchmarks;

/// <summary>Decoding MQTT payloads into reading values: a JSON telemetry message per mapping, and a plain number.</summary>
[MemoryDiagnoser]
public class MqttDecodeBenchmarks
{
    private static readonly byte[] Tasmota = Encoding.UTF8.GetBytes(
        """{"Time":"2022-01-11T21:57:38","ENERGY":{"TotalStartTime":"2020-10-21T22:15:00","Total":3.705,"Yesterday":0.028,"Today":0.026,"Period":1,"Power":5,"ApparentPower":5,"ReactivePower":0,"Factor":1.00,"Voltage":233,"Current":0.021}}""");

    private static readonly byte[] Plain = "287.4"u8.ToArray();

    private readonly MqttMappingDecoder _jsonPower = new(new MqttReadingMapping("tele/+/SENSOR", "$.ENERGY.Power", MqttQuantity.Power, MqttValueUnit.W, Invert: true));
    private readonly MqttMappingDecoder _plainPower = new(new MqttReadingMapping("solar/+/0/power", null, MqttQuantity.Power, MqttValueUnit.W));

    [Benchmark(Description = "Tasmota SENSOR JSON (230 B), $.ENERGY.Power")]
    public double? Json() => _jsonPower.Decode(Tasmota).Value;

    [Benchmark(Description = "plain number")]
    public double? PlainNumber() => _plainPower.Decode(Plain).Value;

    [Benchmark(Description = "topic filter match, tele/+/SENSOR")]
    public bool TopicMatch() => MqttTopicFilter.Matches("tele/+/SENSOR", "tele/livingroom-lamp/SENSOR");
}
