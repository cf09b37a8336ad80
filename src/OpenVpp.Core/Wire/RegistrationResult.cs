namespace OpenVpp.Core.Wire;

/// <summary>Per-device answer: Status is "registered", "already_registered", "not_on_chain" (a node that follows a chain has not seen the device in the on-chain registry yet) or "rejected" (with Error).</summary>
public sealed record RegistrationResult(int Index, string? DeviceId, string Status, string? Error);
