using OpenVpp.Gateway.Adapters;

namespace OpenVpp.Gateway.Configuration;

/// <summary>A checked device entry: its descriptor (defaults filled in) and its parsed durations.</summary>
public sealed record ConfiguredDevice(DeviceEntry Entry, DeviceDescriptor Descriptor, TimeSpan? Poll, TimeSpan? OfflineAfter);
