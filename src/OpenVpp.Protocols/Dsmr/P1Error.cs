namespace OpenVpp.Protocols.Dsmr;

/// <summary>Why a telegram was refused, with a message that names the line and what was expected.</summary>
public sealed record P1Error(P1ErrorReason Reason, string Message)
{
    public override string ToString() => Message;
}
