using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenVpp.Protocols.Mqtt;

/// <summary>
/// Decodes message payloads for one <see cref="MqttReadingMapping"/>. Every kind of bad payload (too large, not
/// JSON, path missing, not a number, NaN, a negative register, a state of charge over 100 %) gives a rejected
/// <see cref="MqttDecodedValue"/> with a reason an operator can act on.
/// </summary>
public sealed class MqttMappingDecoder
{
    /// <summary>Larger payloads are rejected unread: no home-energy device publishes a reading this big.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    private readonly JsonValuePath? _path;

    public MqttMappingDecoder(MqttReadingMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var errors = mapping.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid MQTT mapping: {string.Join("; ", errors)}.", nameof(mapping));
        }

        Mapping = mapping;
        // Validate() above has parsed the path already, so this cannot fail.
        if (mapping.ValuePath is not null && !JsonValuePath.TryParse(mapping.ValuePath, out _path, out var error))
        {
            throw new ArgumentException(error, nameof(mapping));
        }
    }

    public MqttReadingMapping Mapping { get; }

    public MqttDecodedValue Decode(ReadOnlySpan<byte> payload)
    {
        var quantity = Mapping.Quantity;
        if (payload.Length > MaxPayloadBytes)
        {
            return MqttDecodedValue.Reject(quantity, $"payload of {payload.Length} bytes is over the {MaxPayloadBytes}-byte limit");
        }

        var raw = _path is null ? ParsePlain(payload, quantity) : ParseJson(payload, _path, quantity);
        if (raw.IsRejected)
        {
            return raw;
        }

        var scaled = raw.Value!.Value * Mapping.Scale * (Mapping.Invert ? -1 : 1);
        var value = MqttUnits.ToReadingUnit(scaled, Mapping.Unit);
        return Check(quantity, value);
    }

    private static MqttDecodedValue ParsePlain(ReadOnlySpan<byte> payload, MqttQuantity quantity)
    {
        if (payload.IsEmpty)
        {
            return MqttDecodedValue.Reject(quantity, "empty payload (expected a number)");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload).Trim();
        }
        catch (DecoderFallbackException)
        {
            return MqttDecodedValue.Reject(quantity, "payload is not UTF-8 text (expected a number)");
        }

        return ParseNumber(text, quantity, "payload");
    }

    private static MqttDecodedValue ParseJson(ReadOnlySpan<byte> payload, JsonValuePath path, MqttQuantity quantity)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray());
        }
        catch (JsonException e)
        {
            return MqttDecodedValue.Reject(quantity, $"payload is not JSON ({Shorten(e.Message)})");
        }

        using (document)
        {
            var element = path.Evaluate(document.RootElement);
            if (element is not { } found)
            {
                return MqttDecodedValue.Reject(quantity, $"JSON has no value at {path}");
            }

            return found.ValueKind switch
            {
                JsonValueKind.Number when found.TryGetDouble(out var d) => MqttDecodedValue.Accept(quantity, d),
                // Some firmwares quote numbers ("123.4"); accept those, nothing else.
                JsonValueKind.String => ParseNumber(found.GetString()!, quantity, $"value at {path}"),
                _ => MqttDecodedValue.Reject(quantity, $"value at {path} is {found.ValueKind.ToString().ToLowerInvariant()}, not a number"),
            };
        }
    }

    private static MqttDecodedValue ParseNumber(string text, MqttQuantity quantity, string what)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return MqttDecodedValue.Reject(quantity, $"{what} '{Shorten(text)}' is not a number");
        }

        return MqttDecodedValue.Accept(quantity, value);
    }

    private static MqttDecodedValue Check(MqttQuantity quantity, double value)
    {
        if (!double.IsFinite(value))
        {
            return MqttDecodedValue.Reject(quantity, $"value {value.ToString(CultureInfo.InvariantCulture)} is not a finite number");
        }

        return quantity switch
        {
            MqttQuantity.EnergyImportRegister or MqttQuantity.EnergyExportRegister when value < 0 =>
                MqttDecodedValue.Reject(quantity, $"energy register {value.ToString(CultureInfo.InvariantCulture)} Wh is negative; registers only count up (check the mapping's sign)"),
            MqttQuantity.Power when Math.Abs(value) > int.MaxValue =>
                MqttDecodedValue.Reject(quantity, $"power {value.ToString(CultureInfo.InvariantCulture)} W is out of range"),
            MqttQuantity.StateOfCharge or MqttQuantity.StateOfHealth when value is < 0 or > 10_000 =>
                MqttDecodedValue.Reject(quantity, $"{quantity} {(value / 100).ToString(CultureInfo.InvariantCulture)} % is outside 0–100 % (check the unit: Percent or Fraction)"),
            _ => MqttDecodedValue.Accept(quantity, value),
        };
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 60), "…");
}
