namespace OpenVpp.Core.Wire;

/// <summary>POST /v1/devices body: a batch of devices, usually one gateway's fleet.</summary>
public sealed record RegisterDevicesRequest(IReadOnlyList<DeviceRegistration> Devices);
