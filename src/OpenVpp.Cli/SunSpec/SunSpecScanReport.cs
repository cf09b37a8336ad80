namespace OpenVpp.Cli.SunSpec;

/// <summary>What `openvpp sunspec scan --json` prints: where the marker is, who the device is, every model and point.</summary>
internal sealed record SunSpecScanReport(
    string Endpoint,
    byte Unit,
    ushort BaseAddress,
    SunSpecIdentityReport? Identity,
    IReadOnlyList<SunSpecModelReport> Models);

/// <summary>Model 1's identity points; null where the device does not implement them.</summary>
internal sealed record SunSpecIdentityReport(string? Manufacturer, string? Model, string? Options, string? Version, string? SerialNumber, int? DeviceAddress);

/// <summary>One model: known models carry their points; unknown ones only id, address and length; a refused one its error.</summary>
internal sealed record SunSpecModelReport(int Id, string? Name, string Label, ushort Address, int Length, bool Known, string? Error, IReadOnlyList<SunSpecPointReport>? Points);

/// <summary>One point: its path (Crv[1].Pt[2].V in repeating groups), scaled value or text, units; null when absent.</summary>
internal sealed record SunSpecPointReport(string Path, string Label, decimal? Value, string? Text, string? Units, string Access);
