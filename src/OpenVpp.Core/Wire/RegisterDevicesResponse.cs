namespace OpenVpp.Core.Wire;

/// <summary>POST /v1/devices answer.</summary>
public sealed record RegisterDevicesResponse(IReadOnlyList<RegistrationResult> Results);
