namespace OpenVpp.Protocols.Dsmr;

/// <summary>Collects the convenience values while <see cref="P1Parser"/> walks the lines; one per parse.</summary>
internal sealed class P1TelegramBuilder
{
    public readonly List<P1Object> Objects = new(48);
    public readonly List<P1PowerFailure> FailureLog = [];
    public string? Version;
    public string? BelgianVersion;
    public bool HasLogicalDeviceName;
    public P1Timestamp? MeterTime;
    public string? EquipmentId;
    public long? ImportT1Wh, ImportT2Wh, ImportTotalWh, ExportT1Wh, ExportT2Wh, ExportTotalWh;
    public int? Tariff;
    public long? PowerImportedW, PowerExportedW;
    public long? PowerFailures, LongPowerFailures;
    public string? TextMessage;

    private PhaseSlot[]? _phases;
    private MBusSlot[]? _mbus;

    public PhaseSlot Phase(int phase) => (_phases ??= [new(), new(), new()])[phase - 1];

    public MBusSlot MBus(int channel) => (_mbus ??= [new(), new(), new(), new()])[channel - 1];

    public P1Telegram Build(string identification, DsmrVariant variant, ushort? crc)
    {
        var phases = new List<P1PhaseValues>(3);
        for (var i = 0; _phases is not null && i < 3; i++)
        {
            var p = _phases[i];
            if (p.Seen)
            {
                phases.Add(new P1PhaseValues(i + 1, p.VoltageV, p.CurrentA, p.ImportedW, p.ExportedW, p.Sags, p.Swells));
            }
        }

        var mbus = new List<P1MBusDevice>(2);
        for (var i = 0; _mbus is not null && i < 4; i++)
        {
            var m = _mbus[i];
            if (m.Seen)
            {
                mbus.Add(new P1MBusDevice(i + 1, m.DeviceType, m.EquipmentId, m.Reading, m.ReadAt, m.Valve));
            }
        }

        return new P1Telegram
        {
            Identification = identification,
            Variant = variant,
            Version = BelgianVersion ?? Version,
            Crc = crc,
            MeterTime = MeterTime,
            EquipmentId = EquipmentId,
            ImportT1Wh = ImportT1Wh,
            ImportT2Wh = ImportT2Wh,
            ExportT1Wh = ExportT1Wh,
            ExportT2Wh = ExportT2Wh,
            ImportTotalWh = ImportTotalWh ?? Sum(ImportT1Wh, ImportT2Wh),
            ExportTotalWh = ExportTotalWh ?? Sum(ExportT1Wh, ExportT2Wh),
            Tariff = Tariff,
            PowerImportedW = PowerImportedW,
            PowerExportedW = PowerExportedW,
            Phases = phases,
            PowerFailures = PowerFailures,
            LongPowerFailures = LongPowerFailures,
            PowerFailureLog = FailureLog,
            TextMessage = string.IsNullOrEmpty(TextMessage) ? null : TextMessage,
            MBusDevices = mbus,
            Objects = Objects,
        };
    }

    private static long? Sum(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);

    internal sealed class PhaseSlot
    {
        public bool Seen;
        public decimal? VoltageV, CurrentA;
        public long? ImportedW, ExportedW, Sags, Swells;
    }

    internal sealed class MBusSlot
    {
        public bool Seen;
        public int? DeviceType, Valve;
        public string? EquipmentId;
        public P1Quantity? Reading;
        public P1Timestamp? ReadAt;
    }
}
