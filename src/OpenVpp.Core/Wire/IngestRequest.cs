namespace OpenVpp.Core.Wire;

/// <summary>POST /v1/readings body: signed readings (140 bytes each), base64-encoded, in the order they were made.</summary>
public sealed record IngestRequest(IReadOnlyList<string> Readings);
