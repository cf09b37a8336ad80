namespace OpenVpp.Protocols.Ocpp;

/// <summary>The OCPP-J versions the CSMS speaks, one per WebSocket subprotocol.</summary>
public enum OcppVersion
{
    /// <summary>OCPP 1.6 JSON, subprotocol "ocpp1.6".</summary>
    Ocpp16,

    /// <summary>OCPP 2.0.1, subprotocol "ocpp2.0.1".</summary>
    Ocpp201,
}
