using System.Collections.Frozen;

namespace OpenVpp.Protocols.Dsmr;

/// <summary>
/// The OBIS codes of DSMR 2.2–5.0, Belgian e-MUCS and Luxembourg Smarty telegrams. M-Bus codes (channel B = 1–4) are
/// registered once for channel 1 and looked up for any channel. A code that is not here is kept as a raw line.
/// </summary>
public static class ObisRegistry
{
    private static readonly FrozenDictionary<ObisCode, ObisDefinition> Definitions = Build();

    /// <summary>The definition of <paramref name="code"/>, or null when it is not a DSMR code this registry knows.</summary>
    public static ObisDefinition? Find(ObisCode code)
    {
        if (Definitions.TryGetValue(code, out var definition))
        {
            return definition;
        }

        return code.A == 0 && code.B is >= 2 and <= 4 && Definitions.TryGetValue(code.WithChannel(1), out definition) && definition.Role >= ObisRole.MBusDeviceType
            ? definition
            : null;
    }

    /// <summary>Every registered code, channel-1 form for M-Bus codes, for documentation and tools.</summary>
    public static IEnumerable<KeyValuePair<ObisCode, ObisDefinition>> All => Definitions;

    /// <summary>The M-Bus device type names of EN 13757-3 that meters report on 0-n:24.1.0.</summary>
    public static string MBusDeviceTypeName(int type) => type switch
    {
        2 => "electricity",
        3 => "gas",
        4 => "heat",
        6 => "warm water",
        7 => "water",
        10 => "cooling (outlet)",
        11 => "cooling (inlet)",
        12 => "heat (inlet)",
        13 => "heat/cooling",
        _ => $"type {type}",
    };

    private static FrozenDictionary<ObisCode, ObisDefinition> Build()
    {
        var d = new Dictionary<ObisCode, ObisDefinition>();
        void Add(string code, string name, ObisKind kind, ObisRole role = ObisRole.None, int phase = 0) =>
            d.Add(ObisCode.Parse(code), new ObisDefinition(name, kind) { Role = role, Phase = phase });

        Add("1-3:0.2.8", "DSMR version", ObisKind.Raw, ObisRole.Version);
        Add("0-0:96.1.4", "e-MUCS version (Belgium)", ObisKind.Raw, ObisRole.BelgianVersion);
        Add("0-0:42.0.0", "Logical device name (Luxembourg)", ObisKind.HexText, ObisRole.LogicalDeviceName);
        Add("0-0:1.0.0", "Meter time", ObisKind.Timestamp, ObisRole.MeterTime);
        Add("0-0:96.1.1", "Equipment identifier", ObisKind.HexText, ObisRole.EquipmentId);
        Add("0-0:96.1.0", "Equipment identifier (serial)", ObisKind.HexText);
        Add("1-0:1.8.0", "Energy imported, total", ObisKind.Energy, ObisRole.ImportTotal);
        Add("1-0:1.8.1", "Energy imported, tariff 1", ObisKind.Energy, ObisRole.ImportT1);
        Add("1-0:1.8.2", "Energy imported, tariff 2", ObisKind.Energy, ObisRole.ImportT2);
        Add("1-0:2.8.0", "Energy exported, total", ObisKind.Energy, ObisRole.ExportTotal);
        Add("1-0:2.8.1", "Energy exported, tariff 1", ObisKind.Energy, ObisRole.ExportT1);
        Add("1-0:2.8.2", "Energy exported, tariff 2", ObisKind.Energy, ObisRole.ExportT2);
        Add("1-0:3.8.0", "Reactive energy imported (Q+), total", ObisKind.ReactiveEnergy);
        Add("1-0:3.8.1", "Reactive energy imported (Q+), tariff 1", ObisKind.ReactiveEnergy);
        Add("1-0:3.8.2", "Reactive energy imported (Q+), tariff 2", ObisKind.ReactiveEnergy);
        Add("1-0:4.8.0", "Reactive energy exported (Q-), total", ObisKind.ReactiveEnergy);
        Add("1-0:4.8.1", "Reactive energy exported (Q-), tariff 1", ObisKind.ReactiveEnergy);
        Add("1-0:4.8.2", "Reactive energy exported (Q-), tariff 2", ObisKind.ReactiveEnergy);
        Add("0-0:96.14.0", "Tariff indicator", ObisKind.Number, ObisRole.Tariff);
        Add("1-0:1.7.0", "Power imported (delivered to the client)", ObisKind.Power, ObisRole.PowerDelivered);
        Add("1-0:2.7.0", "Power exported (received from the client)", ObisKind.Power, ObisRole.PowerReceived);
        Add("1-0:3.7.0", "Reactive power imported (Q+)", ObisKind.ReactivePower);
        Add("1-0:4.7.0", "Reactive power exported (Q-)", ObisKind.ReactivePower);
        Add("1-0:1.4.0", "Current average demand (Belgium)", ObisKind.Power);
        Add("1-0:1.6.0", "Maximum demand this month (Belgium)", ObisKind.TimedQuantity);
        Add("0-0:98.1.0", "Maximum demand history, 13 months (Belgium)", ObisKind.Raw);
        Add("0-0:17.0.0", "Limiter threshold", ObisKind.AnyQuantity);
        Add("1-0:31.4.0", "Fuse supervision threshold", ObisKind.AnyQuantity);
        Add("0-0:96.3.10", "Switch (breaker) position", ObisKind.Number);
        Add("0-0:96.7.21", "Power failures", ObisKind.Number, ObisRole.PowerFailures);
        Add("0-0:96.7.9", "Long power failures", ObisKind.Number, ObisRole.LongPowerFailures);
        Add("1-0:99.97.0", "Long power failure log", ObisKind.PowerFailureLog, ObisRole.PowerFailureLog);
        Add("0-0:96.13.0", "Text message", ObisKind.HexText, ObisRole.TextMessage);
        Add("0-0:96.13.1", "Text message code", ObisKind.HexText, ObisRole.TextCode);
        Add("0-0:96.13.2", "Text message 2 (Luxembourg)", ObisKind.HexText);
        Add("0-0:96.13.3", "Text message 3 (Luxembourg)", ObisKind.HexText);
        Add("0-0:96.13.4", "Text message 4 (Luxembourg)", ObisKind.HexText);
        Add("0-0:96.13.5", "Text message 5 (Luxembourg)", ObisKind.HexText);
        for (var phase = 1; phase <= 3; phase++)
        {
            var c = 12 + (20 * phase); // 32, 52, 72 for voltage; 31, 51, 71 for current; 21, 41, 61 power.
            var l = $"L{phase}";
            Add($"1-0:{c}.7.0", $"Voltage {l}", ObisKind.Voltage, ObisRole.PhaseVoltage, phase);
            Add($"1-0:{c - 1}.7.0", $"Current {l}", ObisKind.Current, ObisRole.PhaseCurrent, phase);
            Add($"1-0:{c - 11}.7.0", $"Power imported {l}", ObisKind.Power, ObisRole.PhasePowerDelivered, phase);
            Add($"1-0:{c - 10}.7.0", $"Power exported {l}", ObisKind.Power, ObisRole.PhasePowerReceived, phase);
            Add($"1-0:{c - 9}.7.0", $"Reactive power imported {l}", ObisKind.ReactivePower);
            Add($"1-0:{c - 8}.7.0", $"Reactive power exported {l}", ObisKind.ReactivePower);
            Add($"1-0:{c}.32.0", $"Voltage sags {l}", ObisKind.Number, ObisRole.PhaseSags, phase);
            Add($"1-0:{c}.36.0", $"Voltage swells {l}", ObisKind.Number, ObisRole.PhaseSwells, phase);
        }

        // M-Bus devices (gas, water, heat) on channels 1-4; registered for channel 1.
        Add("0-1:24.1.0", "M-Bus device type", ObisKind.Number, ObisRole.MBusDeviceType);
        Add("0-1:96.1.0", "M-Bus equipment identifier", ObisKind.HexText, ObisRole.MBusEquipmentId);
        Add("0-1:24.2.1", "M-Bus reading", ObisKind.TimedQuantity, ObisRole.MBusReading);
        Add("0-1:24.2.3", "M-Bus reading, temperature-corrected (Belgium)", ObisKind.TimedQuantity, ObisRole.MBusReading);
        Add("0-1:24.3.0", "M-Bus reading (DSMR 2.2/3.0)", ObisKind.LegacyMBusReading, ObisRole.MBusReading);
        Add("0-1:24.4.0", "M-Bus valve position", ObisKind.Number, ObisRole.MBusValve);
        return d.ToFrozenDictionary();
    }
}
