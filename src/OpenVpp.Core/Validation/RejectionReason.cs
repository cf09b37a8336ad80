namespace OpenVpp.Core.Validation;

/// <summary>Why a node refused a reading. Expected outcomes, so values rather than exceptions.</summary>
public enum RejectionReason
{
    Malformed,
    UnknownDevice,
    BadSignature,
    Duplicate,
    SequenceRegression,
    FutureTimestamp,
    Implausible,
}
