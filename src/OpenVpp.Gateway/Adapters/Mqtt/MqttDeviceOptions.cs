using OpenVpp.Core.Devices;
using OpenVpp.Protocols.Mqtt;

namespace OpenVpp.Gateway.Adapters.Mqtt;

/// <summary>
/// One device fed by MQTT: its description for enrollment and either explicit <see cref="Mappings"/> or a
/// <see cref="Preset"/> (see <see cref="MqttPresets"/>) with its <see cref="PresetParameters"/>; when both are given
/// the preset's mappings come first.
/// </summary>
public sealed record MqttDeviceOptions(string Name, DeviceKind Kind, string Region, string Site, long NameplatePowerW, long CapacityWh = 0)
{
    public IReadOnlyList<MqttReadingMapping> Mappings { get; init; } = [];

    public string? Preset { get; init; }

    public IReadOnlyDictionary<string, string>? PresetParameters { get; init; }

    /// <summary>The device's mappings (preset first, then explicit ones), or the errors that stop them.</summary>
    public IReadOnlyList<MqttReadingMapping> ResolveMappings(List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var result = new List<MqttReadingMapping>();
        if (Preset is not null)
        {
            var preset = MqttPresets.Find(Preset);
            if (preset is null)
            {
                errors.Add($"device '{Name}': unknown MQTT preset '{Preset}' (known: {string.Join(", ", MqttPresets.All.Select(p => p.Name))})");
            }
            else if (preset.TryInstantiate(PresetParameters, out var fromPreset, out var error))
            {
                result.AddRange(fromPreset);
            }
            else
            {
                errors.Add($"device '{Name}': {error}");
            }
        }

        foreach (var mapping in Mappings)
        {
            var mappingErrors = mapping.Validate();
            errors.AddRange(mappingErrors.Select(e => $"device '{Name}': {e}"));
            if (mappingErrors.Count == 0)
            {
                result.Add(mapping);
            }
        }

        if (Preset is null && Mappings.Count == 0)
        {
            errors.Add($"device '{Name}': give an MQTT preset or at least one mapping");
        }

        return result;
    }

    internal DeviceDescriptor ToDescriptor() => new(Name, Kind, NameplatePowerW, CapacityWh, Region, Site);
}
