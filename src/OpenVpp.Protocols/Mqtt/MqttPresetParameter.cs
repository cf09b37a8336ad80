namespace OpenVpp.Protocols.Mqtt;

/// <summary>A placeholder of an <see cref="MqttPreset"/>; <see cref="Default"/> null means it is required.</summary>
public sealed record MqttPresetParameter(string Name, string Description, string? Default = null);
