namespace OpenVpp.Cli.Bench;

/// <summary>
/// The figures of `openvpp bench ocpp`: MeterValues CALLs answered per second by the CSMS with every station connected,
/// and the CSMS process's memory: resident before any station, with all stations connected and idle, and at its peak.
/// </summary>
internal sealed record OcppBenchReport(
    int Stations,
    long Messages,
    long Answered,
    long Errors,
    long SamplesDerived,
    double ElapsedS,
    double MessagesPerS,
    double RssBeforeMb,
    double RssIdleMb,
    double ManagedHeapIdleMb,
    double PerStationKb,
    double PeakRssMb,
    int Cores);
