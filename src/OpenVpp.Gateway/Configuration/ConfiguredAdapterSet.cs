using OpenVpp.Gateway.Adapters.Mqtt;
using OpenVpp.Gateway.Adapters.Ocpp;
using OpenVpp.Gateway.Adapters.P1;
using OpenVpp.Gateway.Adapters.SunSpec;

namespace OpenVpp.Gateway.Configuration;

/// <summary>The adapters a configuration runs, as their own checked options; empty lists and nulls for adapters it does not use.</summary>
public sealed record ConfiguredAdapterSet(
    IReadOnlyList<SunSpecAdapterOptions> SunSpec,
    IReadOnlyList<P1AdapterOptions> P1,
    OcppAdapterOptions? Ocpp,
    MqttAdapterOptions? Mqtt,
    MqttPublisherOptions? Publisher)
{
    public static ConfiguredAdapterSet None { get; } = new([], [], null, null, null);
}
