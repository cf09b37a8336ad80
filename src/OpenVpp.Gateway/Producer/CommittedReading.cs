using OpenVpp.Core.Readings;

namespace OpenVpp.Gateway.Producer;

/// <summary>A committed reading with the gateway's name for its device and the 140 signed bytes that travel.</summary>
public sealed record CommittedReading(string DeviceName, Reading Reading, byte[] SignedBytes);
