namespace OpenVpp.Protocols.Ocpp;

/// <summary>The WebSocket subprotocol names of <see cref="OcppVersion"/>, as stations offer them.</summary>
public static class OcppSubprotocols
{
    public const string Ocpp16 = "ocpp1.6";
    public const string Ocpp201 = "ocpp2.0.1";

    public static string Name(this OcppVersion version) => version == OcppVersion.Ocpp16 ? Ocpp16 : Ocpp201;

    /// <summary>Picks the newest version both sides speak from the station's offer, or null when there is none.</summary>
    public static OcppVersion? Choose(IEnumerable<string> offered)
    {
        ArgumentNullException.ThrowIfNull(offered);
        var list = offered.Select(p => p.Trim()).ToList();
        if (list.Contains(Ocpp201, StringComparer.OrdinalIgnoreCase))
        {
            return OcppVersion.Ocpp201;
        }

        return list.Contains(Ocpp16, StringComparer.OrdinalIgnoreCase) ? OcppVersion.Ocpp16 : null;
    }
}
