namespace OpenVpp.Core.Wire;

/// <summary>Per-device answer: Status is "registered", "already_registered" or "rejected" (with Error).</summary>
public sealed record RegistrationResult(int Index, string? DeviceId, string Status, string? Error);
