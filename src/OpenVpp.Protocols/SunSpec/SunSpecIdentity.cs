namespace OpenVpp.Protocols.SunSpec;

/// <summary>What the common model (1) says about the device: manufacturer, model, options, version, serial, device address.</summary>
public sealed record SunSpecIdentity(string? Manufacturer, string? Model, string? Options, string? Version, string? SerialNumber, int? DeviceAddress)
{
    public static SunSpecIdentity? From(SunSpecModel? common) => common?.Root is null
        ? null
        : new SunSpecIdentity(
            common.Find("Mn")?.Text,
            common.Find("Md")?.Text,
            common.Find("Opt")?.Text,
            common.Find("Vr")?.Text,
            common.Find("SN")?.Text,
            common.Value("DA") is { } da ? (int)da : null);
}
