namespace OpenVpp.Protocols.Dsmr;

/// <summary>One entry of the long power failure log: when the failure ended (null when the meter wrote zeros) and how long it lasted.</summary>
public sealed record P1PowerFailure(P1Timestamp? EndedAt, TimeSpan Duration);
