namespace OpenVpp.Protocols.Mqtt;

/// <summary>
/// A named mapping template for a device family that publishes over MQTT (see <see cref="MqttPresets"/>). Parameters
/// fill the topic (a device id, a prefix) and choose the role ("consumer" or "producer") where the same hardware
/// can measure either a load or a generator.
/// </summary>
public sealed class MqttPreset
{
    private readonly Func<IReadOnlyDictionary<string, string>, IReadOnlyList<MqttReadingMapping>> _build;

    internal MqttPreset(
        string name,
        string description,
        IReadOnlyList<MqttPresetParameter> parameters,
        Func<IReadOnlyDictionary<string, string>, IReadOnlyList<MqttReadingMapping>> build)
    {
        Name = name;
        Description = description;
        Parameters = parameters;
        _build = build;
    }

    public string Name { get; }

    public string Description { get; }

    public IReadOnlyList<MqttPresetParameter> Parameters { get; }

    /// <summary>
    /// The mappings for one device. Fails (with <paramref name="error"/>) on a missing required parameter, an
    /// unknown parameter, a value with MQTT wildcards, or a role other than consumer/producer.
    /// </summary>
    public bool TryInstantiate(
        IReadOnlyDictionary<string, string>? parameters, out IReadOnlyList<MqttReadingMapping> mappings, out string? error)
    {
        mappings = [];
        error = null;
        parameters ??= new Dictionary<string, string>();
        var unknown = parameters.Keys.FirstOrDefault(k => !Parameters.Any(p => p.Name == k));
        if (unknown is not null)
        {
            error = $"preset '{Name}' has no parameter '{unknown}' (it takes: {string.Join(", ", Parameters.Select(p => p.Name))})";
            return false;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in Parameters)
        {
            var value = parameters.TryGetValue(p.Name, out var given) ? given : p.Default;
            if (string.IsNullOrWhiteSpace(value))
            {
                error = $"preset '{Name}' needs parameter '{p.Name}': {p.Description}";
                return false;
            }

            if (value.Contains('+', StringComparison.Ordinal) || value.Contains('#', StringComparison.Ordinal))
            {
                error = $"parameter '{p.Name}' of preset '{Name}' must not contain MQTT wildcards: '{value}'";
                return false;
            }

            values[p.Name] = value;
        }

        if (values.TryGetValue("role", out var role) && role is not ("consumer" or "producer"))
        {
            error = $"parameter 'role' of preset '{Name}' is 'consumer' (a load; the default) or 'producer' (a generator), not '{role}'";
            return false;
        }

        mappings = _build(values);
        return true;
    }
}
