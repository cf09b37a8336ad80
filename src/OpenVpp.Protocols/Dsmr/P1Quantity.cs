using System.Globalization;

namespace OpenVpp.Protocols.Dsmr;

/// <summary>A number as the meter wrote it, with its unit (kWh, Wh, kW, W, V, A, m3, s, …; empty when it had none).</summary>
public readonly record struct P1Quantity(decimal Value, string Unit)
{
    public override string ToString() =>
        Unit.Length == 0 ? Value.ToString(CultureInfo.InvariantCulture) : $"{Value.ToString(CultureInfo.InvariantCulture)} {Unit}";
}
