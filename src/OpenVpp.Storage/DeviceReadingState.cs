namespace OpenVpp.Storage;

/// <summary>What ingest must remember per device: its latest accepted sequence and that reading's interval end.</summary>
public readonly record struct DeviceReadingState(ulong LastSequence, DateTimeOffset LastIntervalEnd);
