namespace OpenVpp.Protocols.Dsmr;

/// <summary>
/// A checked P1 telegram: every line in <see cref="Objects"/> (unknown codes included, as raw), and the values a
/// gateway needs already converted to whole Wh and W. Energy registers are cumulative and never negative; power
/// follows the grid meter convention of OpenVPP: <see cref="PowerW"/> is positive when the premises export.
/// </summary>
public sealed class P1Telegram
{
    /// <summary>The header after '/', for example "KFM5KAIFA-METER" (manufacturer, baud-rate digit, model).</summary>
    public required string Identification { get; init; }

    public required DsmrVariant Variant { get; init; }

    /// <summary>The version as written: 1-3:0.2.8 ("42", "50") or, in Belgium, 0-0:96.1.4 ("50217"); null before DSMR 4.</summary>
    public string? Version { get; init; }

    /// <summary>The CRC16 the telegram carried (checked); null for DSMR 2.2/3.0, which have none.</summary>
    public ushort? Crc { get; init; }

    public P1Timestamp? MeterTime { get; init; }

    /// <summary>The meter's equipment identifier, decoded from hex when it is printable text.</summary>
    public string? EquipmentId { get; init; }

    public long? ImportT1Wh { get; init; }

    public long? ImportT2Wh { get; init; }

    public long? ExportT1Wh { get; init; }

    public long? ExportT2Wh { get; init; }

    /// <summary>Total imported energy: 1-0:1.8.0 where the meter sends it (Belgium, Luxembourg), else the sum of the tariffs.</summary>
    public long? ImportTotalWh { get; init; }

    /// <summary>Total exported energy: 1-0:2.8.0 where the meter sends it, else the sum of the tariffs.</summary>
    public long? ExportTotalWh { get; init; }

    /// <summary>The tariff now in force (NL: 1 low, 2 normal; BE: 1 day, 2 night).</summary>
    public int? Tariff { get; init; }

    /// <summary>1-0:1.7.0, power taken from the grid, in W.</summary>
    public long? PowerImportedW { get; init; }

    /// <summary>1-0:2.7.0, power fed into the grid, in W.</summary>
    public long? PowerExportedW { get; init; }

    /// <summary>Net power in W, positive when the premises export to the grid (exported minus imported).</summary>
    public long? PowerW => PowerImportedW is null && PowerExportedW is null ? null : (PowerExportedW ?? 0) - (PowerImportedW ?? 0);

    /// <summary>L1, L2, L3; an entry exists only for a phase the telegram mentions.</summary>
    public required IReadOnlyList<P1PhaseValues> Phases { get; init; }

    public long? PowerFailures { get; init; }

    public long? LongPowerFailures { get; init; }

    public required IReadOnlyList<P1PowerFailure> PowerFailureLog { get; init; }

    /// <summary>The text message (0-0:96.13.0), decoded; null when absent or empty.</summary>
    public string? TextMessage { get; init; }

    /// <summary>M-Bus devices by channel (gas, water, heat); only channels the telegram mentions.</summary>
    public required IReadOnlyList<P1MBusDevice> MBusDevices { get; init; }

    /// <summary>Every line of the telegram in order, with its code, meaning (null for unknown codes) and value.</summary>
    public required IReadOnlyList<P1Object> Objects { get; init; }

    /// <summary>The first gas meter (device type 3, or a reading in m3 on a channel of unknown type).</summary>
    public P1MBusDevice? Gas
    {
        get
        {
            foreach (var device in MBusDevices)
            {
                if (device.DeviceType == 3 || (device.DeviceType is null && device.Reading?.Unit == "m3"))
                {
                    return device;
                }
            }

            return null;
        }
    }

    /// <summary>The gas meter's last reading in m3, or null.</summary>
    public decimal? GasM3 => Gas?.Reading is { Unit: "m3" } q ? q.Value : null;

    /// <summary>When the gas meter took <see cref="GasM3"/>.</summary>
    public P1Timestamp? GasReadAt => Gas?.ReadAt;
}
