using OpenVpp.Gateway.Capabilities;

namespace OpenVpp.Gateway.Adapters.Ocpp;

/// <summary>
/// Merges a station's per-connector (1.6) or per-EVSE (2.0.1) readings into the one register and power the station's
/// meter records. Connector/EVSE 0 is the station's main meter: once the station reports it, only it counts.
/// Otherwise each connector keeps its own last registers; the station register advances by what each connector's
/// register advanced (a connector first seen, or whose register went back, adds nothing), which is the sum of the
/// connectors' registers without counting a connector's first reading as energy. Power is the sum of each
/// connector's latest power, a connector silent for longer than <see cref="PowerStaleAfter"/> counting as 0.
/// Thread-safe.
/// </summary>
internal sealed class OcppConnectorMerge
{
    /// <summary>A connector's power older than this (relative to the newest sample) no longer counts.</summary>
    public static readonly TimeSpan PowerStaleAfter = TimeSpan.FromMinutes(3);

    // Readings that name no connector: a 1.6 station with one connector, or a transaction begun before a restart.
    private const int Unnamed = -1;

    private readonly Lock _gate = new();
    private readonly Dictionary<int, (long? ImportedWh, long? ExportedWh)> _registers = [];
    private readonly Dictionary<int, (int PowerW, DateTimeOffset At)> _power = [];
    private bool _mainMeter;
    private long _importedWh;
    private long _exportedWh;
    private bool _hasRegisters;

    /// <summary>The station's registers and power after this reading; null for what the reading did not carry or must not count.</summary>
    public (EnergyRegisters? Registers, int? PowerW) Add(int? connectorId, DateTimeOffset at, long? importedWh, long? exportedWh, int? powerW)
    {
        lock (_gate)
        {
            var connector = connectorId ?? Unnamed;
            if (connector == 0 && !_mainMeter)
            {
                _mainMeter = true;
                _registers.Clear();
                _power.Clear();
            }

            if (_mainMeter && connector != 0)
            {
                return (null, null);
            }

            EnergyRegisters? registers = null;
            if (importedWh is not null || exportedWh is not null)
            {
                registers = Registers(connector, importedWh, exportedWh);
            }

            int? power = null;
            if (powerW is { } w)
            {
                _power[connector] = (w, at);
                power = _power.Values.Where(p => at - p.At <= PowerStaleAfter).Sum(p => p.PowerW);
            }

            return (registers, power);
        }
    }

    private EnergyRegisters Registers(int connector, long? importedWh, long? exportedWh)
    {
        var had = _registers.TryGetValue(connector, out var last);
        // Most chargers report only the import register; export stays 0 until one reports it (V2G).
        var imported = importedWh ?? last.ImportedWh;
        var exported = exportedWh ?? last.ExportedWh;
        if (_mainMeter)
        {
            _registers[connector] = (imported, exported);
            return new EnergyRegisters(imported ?? 0, exported ?? 0);
        }

        if (!_hasRegisters)
        {
            // The first register ever seen starts the station's register, so it reads like the charger's own.
            _importedWh = imported ?? 0;
            _exportedWh = exported ?? 0;
            _hasRegisters = true;
        }
        else if (had)
        {
            _importedWh += Advance(last.ImportedWh, imported);
            _exportedWh += Advance(last.ExportedWh, exported);
        }

        _registers[connector] = (imported, exported);
        return new EnergyRegisters(_importedWh, _exportedWh);
    }

    private static long Advance(long? before, long? now) => before is { } b && now is { } n && n > b ? n - b : 0;
}
