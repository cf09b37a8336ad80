namespace OpenVpp.Protocols;

/// <summary>
/// The device protocols the gateway speaks, one folder each: Dsmr (P1 smart meters), Modbus and SunSpec (inverters,
/// batteries, meters), Ocpp (EV chargers, JSON over WebSocket), Mqtt (topic mappings). Codecs are pure functions of
/// bytes and text; sockets, serial ports and WebSockets live in each protocol's Transport folder.
/// </summary>
internal static class ProtocolsAssemblyInfo;
