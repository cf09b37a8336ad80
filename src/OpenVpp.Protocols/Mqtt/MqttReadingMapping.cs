namespace OpenVpp.Protocols.Mqtt;

/// <summary>
/// One topic → value rule of a device: messages on <see cref="TopicFilter"/> (MQTT wildcards <c>+</c> and <c>#</c>
/// allowed) carry a number, either the whole payload as text (<see cref="ValuePath"/> null) or at a JSON path such as
/// <c>$.ENERGY.Power</c>. The number is multiplied by <see cref="Scale"/>, negated when <see cref="Invert"/> is set,
/// then converted from <see cref="Unit"/> to Wh, W or basis points.
/// </summary>
public sealed record MqttReadingMapping(
    string TopicFilter,
    string? ValuePath,
    MqttQuantity Quantity,
    MqttValueUnit Unit,
    double Scale = 1,
    bool Invert = false)
{
    /// <summary>Everything wrong with this mapping (empty when it is usable), for configuration errors.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!MqttTopicFilter.IsValid(TopicFilter, out var topicError))
        {
            errors.Add($"topic filter '{TopicFilter}': {topicError}");
        }

        if (ValuePath is not null && !JsonValuePath.TryParse(ValuePath, out _, out var pathError))
        {
            errors.Add($"value path '{ValuePath}': {pathError}");
        }

        if (!MqttUnits.Fits(Unit, Quantity))
        {
            errors.Add($"unit {Unit} does not fit {Quantity} (energy registers take Wh, KWh or MWh; power W or KW; state of charge and health Percent or Fraction)");
        }

        if (!double.IsFinite(Scale) || Scale == 0)
        {
            errors.Add($"scale {Scale} must be a finite number other than 0");
        }

        return errors;
    }
}
