namespace OpenVpp.Gateway.Capabilities;

/// <summary>A device with cumulative import/export energy registers (a P1 meter, an inverter, a charger's meter).</summary>
public interface IEnergyMeter
{
    /// <summary>The registers now, in Wh; interval energy is the difference between two reads.</summary>
    ValueTask<EnergyRegisters> EnergyRegistersAsync(CancellationToken cancellationToken);
}
