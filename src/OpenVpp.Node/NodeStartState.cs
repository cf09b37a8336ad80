using OpenVpp.Core.Devices;

namespace OpenVpp.Node;

/// <summary>What the node loads from its store before it serves: per-device ingest state and the sealing position.</summary>
internal sealed record NodeStartState(
    IReadOnlyDictionary<DeviceId, Storage.DeviceReadingState> DeviceStates,
    DateTimeOffset? LatestAcceptedAt,
    long? LastSealedEpoch,
    long FirstEpoch);
