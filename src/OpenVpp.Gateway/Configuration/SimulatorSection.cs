namespace OpenVpp.Gateway.Configuration;

/// <summary>The <c>simulator:</c> section: a deterministic simulated fleet running beside the real devices.</summary>
public sealed class SimulatorSection
{
    public int Devices { get; set; } = 10;

    public int Seed { get; set; } = 1;

    public List<string> Regions { get; set; } = [];
}
