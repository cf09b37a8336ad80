namespace OpenVpp.Cli.Bench;

/// <summary>The figures of `openvpp bench ingest`, as printed with --json.</summary>
internal sealed record IngestBenchReport(
    long Readings,
    long Accepted,
    long Rejected,
    double ElapsedS,
    int Cores,
    double RawVerifyPerS,
    double IngestPerS,
    double Ratio,
    double PeakRssMb);
