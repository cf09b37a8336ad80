namespace OpenVpp.Protocols.Mqtt;

/// <summary>
/// The outcome of decoding one message for one mapping: a value in reading units (Wh, W or basis points), or the
/// reason it was rejected. Rejection is an expected outcome of bad device input, never an exception.
/// </summary>
public readonly record struct MqttDecodedValue(MqttQuantity Quantity, double? Value, string? Rejection)
{
    public bool IsRejected => Rejection is not null;

    public static MqttDecodedValue Accept(MqttQuantity quantity, double value) => new(quantity, value, null);

    public static MqttDecodedValue Reject(MqttQuantity quantity, string reason) => new(quantity, null, reason);
}
