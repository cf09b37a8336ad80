namespace OpenVpp.Core.Validation;

/// <summary>Why a rule refused a reading: the wire reason and a human-readable detail for the operator.</summary>
public readonly record struct RuleViolation(RejectionReason Reason, string Detail);
