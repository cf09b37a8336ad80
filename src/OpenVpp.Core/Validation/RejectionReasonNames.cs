namespace OpenVpp.Core.Validation;

/// <summary>The reason codes as they appear on the wire and in reports.</summary>
public static class RejectionReasonNames
{
    public static string ToWire(this RejectionReason reason) => reason switch
    {
        RejectionReason.Malformed => "malformed",
        RejectionReason.UnknownDevice => "unknown_device",
        RejectionReason.BadSignature => "bad_signature",
        RejectionReason.Duplicate => "duplicate",
        RejectionReason.SequenceRegression => "sequence_regression",
        RejectionReason.FutureTimestamp => "future_timestamp",
        RejectionReason.Implausible => "implausible",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown reason."),
    };
}
