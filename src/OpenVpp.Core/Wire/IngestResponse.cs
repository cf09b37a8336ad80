namespace OpenVpp.Core.Wire;

/// <summary>POST /v1/readings answer: counts and one result per submitted reading.</summary>
public sealed record IngestResponse(int Accepted, int Rejected, IReadOnlyList<IngestResult> Results);
