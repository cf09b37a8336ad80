using OpenVpp.Core.Readings;
using OpenVpp.Core.Validation;
using OpenVpp.Node.Registry;

namespace OpenVpp.Node.Ingest;

/// <summary>One reading of a batch after the stateless stage (decode, registry, signature) and, later, its outcome.</summary>
internal struct PreparedReading
{
    public byte[]? Bytes;
    public Reading? Reading;
    public RegisteredDevice? Device;
    public byte[]? Leaf;
    public RejectionReason? Reason;
    public string? Detail;
    public bool Stored;

    public void Reject(RejectionReason reason, string detail)
    {
        Reason = reason;
        Detail = detail;
    }
}
