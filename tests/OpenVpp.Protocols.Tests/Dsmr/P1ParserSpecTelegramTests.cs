using OpenVpp.Protocols.Dsmr;

namespace OpenVpp.Protocols.Tests.Dsmr;

/// <summary>Telegrams written from each specification (TestData/dsmr/spec_*.txt, made by make_spec_telegrams.py).</summary>
public sealed class P1ParserSpecTelegramTests
{
    [Fact]
    public void Dsmr22_without_crc_reads_the_multi_line_gas_value_and_derives_the_offset_of_its_unflagged_time()
    {
        var t = DsmrTelegrams.Parse("spec_dsmr22");

        Assert.Equal(DsmrVariant.Dsmr2Or3, t.Variant);
        Assert.Null(t.Crc);
        Assert.Null(t.Version);
        Assert.Null(t.MeterTime);
        Assert.Equal(185_000 + 84_000, t.ImportTotalWh);
        Assert.Equal(32_000, t.ExportTotalWh);
        Assert.Equal(-980, t.PowerW);
        Assert.Equal(1, t.Tariff);
        Assert.Equal("KAL7005109644313", t.EquipmentId);
        Assert.Equal(123.456m, t.GasM3);

        // 30 Oct 2012 is after the last Sunday of October: winter time, UTC+1.
        Assert.Equal(P1DstIndicator.Unspecified, t.GasReadAt!.Value.Dst);
        Assert.Equal(new DateTimeOffset(2012, 10, 30, 13, 0, 0, TimeSpan.Zero), t.GasReadAt.Value.Utc);
        Assert.Equal(1, t.Gas!.ValvePosition);
        var threshold = t.Objects.Single(o => o.Code == ObisCode.Parse("0-0:17.0.0"));
        Assert.Equal(new P1Quantity(999m, "A"), threshold.Quantity);
    }

    [Fact]
    public void Dsmr30_gas_in_summer_is_two_hours_ahead_of_utc()
    {
        var t = DsmrTelegrams.Parse("spec_dsmr30");

        Assert.Equal(DsmrVariant.Dsmr2Or3, t.Variant);
        Assert.Equal(712.349m, t.GasM3);
        Assert.Equal(new DateTimeOffset(2013, 7, 5, 10, 0, 0, TimeSpan.Zero), t.GasReadAt!.Value.Utc);
        Assert.Equal(391_590, t.ImportTotalWh);
        Assert.Equal(-460, t.PowerW);
    }

    [Fact]
    public void Dsmr40_single_phase_exporting_meter_has_positive_power_and_decoded_messages()
    {
        var t = DsmrTelegrams.Parse("spec_dsmr40");

        Assert.Equal(DsmrVariant.Dsmr4, t.Variant);
        Assert.Equal(1234, t.PowerW);
        Assert.Equal(33_333, t.ExportTotalWh);
        Assert.Equal("0123456789:;<=>?", t.TextMessage);
        Assert.Equal("01 61 81", t.Objects.Single(o => o.Code == ObisCode.Parse("0-0:96.13.1")).Text);
        var phase = Assert.Single(t.Phases);
        Assert.Equal(1, phase.Phase);
        Assert.Equal(5m, phase.CurrentA);
        Assert.Equal(1234, phase.PowerW);
        Assert.Equal(2, phase.VoltageSags);
        Assert.Equal(
            [new DateTimeOffset(2013, 12, 10, 14, 24, 15, TimeSpan.Zero), new DateTimeOffset(2013, 6, 21, 7, 10, 4, TimeSpan.Zero)],
            t.PowerFailureLog.Select(f => f.EndedAt!.Value.Utc));
        Assert.Equal([240.0, 301.0], t.PowerFailureLog.Select(f => f.Duration.TotalSeconds));
    }

    [Fact]
    public void Dsmr50_reads_gas_water_and_heat_channels_the_failure_log_and_keeps_an_unknown_line_raw()
    {
        var t = DsmrTelegrams.Parse("spec_dsmr50_mbus");

        Assert.Equal(DsmrVariant.Dsmr5, t.Variant);
        Assert.Equal(3210, t.PowerW);
        Assert.Equal(3210, t.Phases.Sum(p => p.PowerW!.Value));
        Assert.Equal([1L, 2L, 3L], t.Phases.Select(p => p.VoltageSags!.Value));
        Assert.Equal([0L, 1L, 0L], t.Phases.Select(p => p.VoltageSwells!.Value));
        Assert.Equal("Hello, P1 !", t.TextMessage);

        // 03:00 S on the day clocks go forward is 01:00 UTC.
        Assert.Equal(new DateTimeOffset(2023, 3, 26, 1, 0, 0, TimeSpan.Zero), t.MeterTime!.Value.Utc);
        Assert.Equal(3, t.PowerFailureLog.Count);
        Assert.Equal(new DateTimeOffset(2022, 10, 30, 1, 30, 0, TimeSpan.Zero), t.PowerFailureLog[0].EndedAt!.Value.Utc);
        Assert.Null(t.PowerFailureLog[2].EndedAt);

        Assert.Equal(["gas", "water", "heat"], t.MBusDevices.Select(d => d.DeviceTypeName));
        Assert.Equal(new P1Quantity(56.789m, "m3"), t.MBusDevices[1].Reading);
        Assert.Equal(new P1Quantity(12.345m, "GJ"), t.MBusDevices[2].Reading);
        Assert.Null(t.MBusDevices[2].EquipmentId);
        Assert.Equal(1234.567m, t.GasM3);
        Assert.Equal(new DateTimeOffset(2023, 3, 26, 0, 45, 0, TimeSpan.Zero), t.GasReadAt!.Value.Utc);

        var unknown = t.Objects.Single(o => o.Definition is null);
        Assert.Equal(ObisCode.Parse("1-0:14.7.0"), unknown.Code);
        Assert.Equal("(49.98*Hz)", unknown.RawValue);
    }

    [Fact]
    public void Belgian_emucs_is_recognised_by_its_version_line_and_reads_temperature_corrected_gas()
    {
        var t = DsmrTelegrams.Parse("spec_fluvius_emucs");

        Assert.Equal(DsmrVariant.BelgianEMucs, t.Variant);
        Assert.Equal("50217", t.Version);
        Assert.Equal(15_792, t.ImportTotalWh);
        Assert.Equal(11, t.ExportTotalWh);
        Assert.Equal(112.384m, t.GasM3);
        Assert.Equal(new DateTimeOffset(2020, 5, 12, 11, 45, 58, TimeSpan.Zero), t.GasReadAt!.Value.Utc);
        var peak = t.Objects.Single(o => o.Code == ObisCode.Parse("1-0:1.6.0"));
        Assert.Equal(new P1Quantity(2.589m, "kW"), peak.Quantity);
        Assert.Equal(new DateTimeOffset(2020, 5, 9, 11, 45, 58, TimeSpan.Zero), peak.Timestamp!.Value.Utc);
        Assert.Equal(0.00m, t.Phases.Single().CurrentA);
    }

    [Fact]
    public void Luxembourg_smarty_takes_its_totals_from_1_8_0_and_2_8_0()
    {
        var t = DsmrTelegrams.Parse("spec_luxembourg_smarty");

        Assert.Equal(DsmrVariant.LuxembourgSmarty, t.Variant);
        Assert.Null(t.ImportT1Wh);
        Assert.Equal(732_157, t.ImportTotalWh);
        Assert.Equal(1_321, t.ExportTotalWh);
        Assert.Equal(-582, t.PowerW);
        Assert.Equal(-582, t.Phases.Sum(p => p.PowerW!.Value));
        Assert.Equal(new P1Quantity(999.9m, "kVA"), t.Objects.Single(o => o.Code == ObisCode.Parse("0-0:17.0.0")).Quantity);
        Assert.Equal(213.415m, t.GasM3);
    }
}
