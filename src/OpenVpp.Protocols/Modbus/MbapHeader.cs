namespace OpenVpp.Protocols.Modbus;

/// <summary>
/// The Modbus TCP application header: transaction id, protocol id (always 0), the length of what follows (unit id
/// plus PDU), and the unit id.
/// </summary>
public readonly record struct MbapHeader(ushort TransactionId, ushort ProtocolId, ushort Length, byte UnitId)
{
    /// <summary>Bytes of the PDU that follow the header.</summary>
    public int PduLength => Length - 1;
}
