using OpenVpp.Core.Devices;

namespace OpenVpp.Storage;

/// <summary>Sum over one region's devices of one kind for readings whose interval starts at <see cref="IntervalStart"/>.</summary>
public sealed record RegionKindTotal(DateTimeOffset IntervalStart, DeviceKind Kind, long EnergyImportedWh, long EnergyExportedWh, int DeviceCount);
