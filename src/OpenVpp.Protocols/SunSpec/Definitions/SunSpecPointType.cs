namespace OpenVpp.Protocols.SunSpec.Definitions;

/// <summary>The point types of the SunSpec information model specification, each with its own "not implemented" value.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The names are the SunSpec specification's type names.")]
public enum SunSpecPointType
{
    Int16,
    Int32,
    Int64,
    UInt16,
    UInt32,
    UInt64,
    Acc16,
    Acc32,
    Acc64,
    Bitfield16,
    Bitfield32,
    Bitfield64,
    Enum16,
    Enum32,
    SunSsf,
    String,
    IpAddr,
    Ipv6Addr,
    Eui48,
    Pad,
    Count,
    Float32,
    Float64,
}
