namespace OpenVpp.Core.Simulation;

/// <summary>
/// A home battery's energy and health. Stored energy is tracked in Wh on the cell side and always stays within
/// [0, capacity × SoH]. Round-trip efficiency 90 % is split evenly: √0.9 ≈ 94.9 % on charge and on discharge.
/// Discharge stops at a 10 % reserve of nominal capacity. Health fades by 20 % per 5,000 equivalent full cycles
/// plus 1.5 % a year of calendar ageing, and never below 50 %.
/// </summary>
internal sealed class HomeBattery
{
    public const double RoundTripEfficiency = 0.90;
    public const double ReserveFraction = 0.10;
    public const double FadePerEquivalentFullCycle = 0.20 / 5_000;
    public const double CalendarFadePerYear = 0.015;
    public const double MinStateOfHealth = 0.50;
    private const double HoursPerYear = 8_760.0;

    private static readonly double OneWayEfficiency = Math.Sqrt(RoundTripEfficiency);

    private double _cyclesAged;

    public HomeBattery(long capacityWh, long maxPowerW, double initialStoredWh, double initialStateOfHealth)
    {
        CapacityWh = capacityWh;
        MaxPowerW = maxPowerW;
        StateOfHealth = Math.Clamp(initialStateOfHealth, MinStateOfHealth, 1.0);
        StoredWh = Math.Clamp(initialStoredWh, 0.0, UsableCapacityWh);
    }

    public long CapacityWh { get; }

    public long MaxPowerW { get; }

    /// <summary>Energy in the cells, Wh.</summary>
    public double StoredWh { get; private set; }

    /// <summary>Remaining capacity as a fraction of nominal (1.0 = new).</summary>
    public double StateOfHealth { get; private set; }

    public double EquivalentFullCycles { get; private set; }

    public double UsableCapacityWh => CapacityWh * StateOfHealth;

    public double ReserveWh => CapacityWh * ReserveFraction;

    public ushort StateOfChargeBp => ToBasisPoints(StoredWh / UsableCapacityWh);

    public ushort StateOfHealthBp => ToBasisPoints(StateOfHealth);

    /// <summary>Takes up to <paramref name="offeredWh"/> from the AC side; returns whole Wh taken.</summary>
    public long Charge(long offeredWh, long limitWh)
    {
        var roomWh = Math.Max(0.0, UsableCapacityWh - StoredWh);
        var acWh = (long)Math.Floor(Math.Min(Math.Min(offeredWh, limitWh), roomWh / OneWayEfficiency));
        if (acWh <= 0)
        {
            return 0;
        }

        var cellWh = acWh * OneWayEfficiency;
        StoredWh = Math.Min(StoredWh + cellWh, UsableCapacityWh);
        EquivalentFullCycles += cellWh / (2.0 * CapacityWh);
        return acWh;
    }

    /// <summary>Delivers up to <paramref name="wantedWh"/> to the AC side without going below the reserve; returns whole Wh.</summary>
    public long Discharge(long wantedWh, long limitWh)
    {
        var availableWh = StoredWh - ReserveWh;
        if (availableWh <= 0.0)
        {
            return 0;
        }

        var acWh = (long)Math.Floor(Math.Min(Math.Min(wantedWh, limitWh), availableWh * OneWayEfficiency));
        if (acWh <= 0)
        {
            return 0;
        }

        var cellWh = acWh / OneWayEfficiency;
        StoredWh = Math.Max(StoredWh - cellWh, 0.0);
        EquivalentFullCycles += cellWh / (2.0 * CapacityWh);
        return acWh;
    }

    /// <summary>Applies cycle and calendar fade; call once per interval after charging or discharging.</summary>
    public void Age(double hours)
    {
        var cycles = EquivalentFullCycles - _cyclesAged;
        _cyclesAged = EquivalentFullCycles;
        var fade = (FadePerEquivalentFullCycle * cycles) + (CalendarFadePerYear * hours / HoursPerYear);
        StateOfHealth = Math.Max(MinStateOfHealth, StateOfHealth - fade);
        StoredWh = Math.Min(StoredWh, UsableCapacityWh);
    }

    private static ushort ToBasisPoints(double fraction) => (ushort)Math.Round(Math.Clamp(fraction, 0.0, 1.0) * 10_000);
}
