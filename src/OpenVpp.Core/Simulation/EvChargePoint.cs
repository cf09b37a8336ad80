namespace OpenVpp.Core.Simulation;

/// <summary>
/// A home EV charger. The car is plugged in only between a session's arrival and departure; it charges at the
/// charger's full power from arrival until the session's need is met (no smart charging), or at a demand-response
/// limit while one holds; energy deferred by a limit is made up afterwards if the car is still plugged in. Reports the car's SoC
/// while plugged in during the interval, null otherwise. Charger losses are ignored: what the charger imports
/// is what the car receives.
/// </summary>
internal sealed class EvChargePoint
{
    private readonly int _seed;
    private readonly int _homeIndex;
    private readonly EvProfile _profile;
    private int? _sessionDay;
    private long _deliveredWh;

    public EvChargePoint(int seed, int homeIndex, EvProfile profile)
    {
        _seed = seed;
        _homeIndex = homeIndex;
        _profile = profile;
    }

    public EvProfile Profile => _profile;

    public EvSession? SessionStarting(DateOnly localDate, TimeSpan offsetFromUtc) =>
        EvSessionPlanner.SessionStarting(_seed, _homeIndex, localDate, _profile, offsetFromUtc);

    /// <summary>The session plugged in at <paramref name="at"/> and the energy it has received so far, or null when no car is.</summary>
    public (EvSession Session, long DeliveredWh)? PluggedAt(DateTimeOffset at, TimeSpan offsetFromUtc)
    {
        var today = DateOnly.FromDateTime(CivilTime.ToLocal(at, offsetFromUtc));
        for (var day = today.AddDays(-1); day <= today; day = day.AddDays(1))
        {
            if (SessionStarting(day, offsetFromUtc) is { } session && session.Arrival <= at && at < session.Departure)
            {
                var delivered = _sessionDay == session.LocalDayNumber
                    ? _deliveredWh
                    : Math.Min(session.NeedWh, IntervalEnergy.EnergyWh(_profile.ChargerPowerW, at - session.Arrival));
                return (session, delivered);
            }
        }

        return null;
    }

    public DeviceFlow Step(SimulationInterval interval, out ushort? carStateOfChargeBp, int? limitW = null)
    {
        carStateOfChargeBp = null;
        var importedWh = 0L;
        var powerW = limitW is { } limit ? Math.Min(_profile.ChargerPowerW, limit) : _profile.ChargerPowerW;

        // A session runs from an evening to the next morning, so yesterday's may still be plugged in.
        var firstDay = DateOnly.FromDateTime(CivilTime.ToLocal(interval.Start, interval.OffsetFromUtc)).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(CivilTime.ToLocal(interval.End, interval.OffsetFromUtc));
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            if (SessionStarting(day, interval.OffsetFromUtc) is not { } session)
            {
                continue;
            }

            var pluggedFrom = session.Arrival > interval.Start ? session.Arrival : interval.Start;
            var pluggedUntil = session.Departure < interval.End ? session.Departure : interval.End;
            if (pluggedUntil <= pluggedFrom)
            {
                continue;
            }

            if (_sessionDay != session.LocalDayNumber)
            {
                // New session; when the fleet starts mid-session, assume it charged at full power since arrival.
                _sessionDay = session.LocalDayNumber;
                _deliveredWh = Math.Min(session.NeedWh, IntervalEnergy.EnergyWh(_profile.ChargerPowerW, interval.Start - session.Arrival));
            }

            var energyWh = Math.Min(session.NeedWh - _deliveredWh, IntervalEnergy.EnergyWh(powerW, pluggedUntil - pluggedFrom));
            _deliveredWh += energyWh;
            importedWh += energyWh;

            var carSoc = session.ArrivalStateOfCharge + ((double)_deliveredWh / _profile.CarCapacityWh);
            carStateOfChargeBp = (ushort)Math.Round(Math.Clamp(carSoc, 0.0, 1.0) * 10_000);
        }

        return new DeviceFlow(importedWh, 0, importedWh > 0 ? (int)powerW : 0);
    }
}
