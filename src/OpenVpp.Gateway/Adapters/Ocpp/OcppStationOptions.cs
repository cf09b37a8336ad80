namespace OpenVpp.Gateway.Adapters.Ocpp;

/// <summary>
/// One charger the gateway meters: the OCPP identity it connects with (the last path segment of
/// ws://gateway:port/ocpp/{StationId}), the gateway device name its readings are signed under, its nameplate power in W,
/// and the grid region and site it belongs to.
/// </summary>
public sealed record OcppStationOptions(string StationId, string DeviceName, long NameplatePowerW, string Region, string Site);
