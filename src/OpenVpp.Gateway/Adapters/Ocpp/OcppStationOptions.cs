namespace OpenVpp.Gateway.Adapters.Ocpp;

/// <summary>
/// One charger the gateway meters: the OCPP identity it connects with (the last path segment of
/// ws://gateway:port/ocpp/{StationId}), the gateway device name its readings are signed under, its nameplate power in W,
/// and the grid region and site it belongs to. With a <see cref="Password"/> the charger must authenticate with HTTP
/// Basic (OCPP Security Profile 1: username = StationId, password = its AuthorizationKey / BasicAuthPassword); without
/// one, any host that can reach the CSMS can connect under this identity.
/// </summary>
public sealed record OcppStationOptions(string StationId, string DeviceName, long NameplatePowerW, string Region, string Site)
{
    /// <summary>The HTTP Basic password (16 to 40 characters) the charger must present, or null for none.</summary>
    public string? Password { get; init; }

    // The generated ToString would print the password.
    public override string ToString() =>
        $"OcppStationOptions {{ StationId = {StationId}, DeviceName = {DeviceName}, Password = {(Password is null ? "none" : "***")} }}";
}
