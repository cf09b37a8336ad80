using OpenVpp.Protocols.Dsmr;

namespace OpenVpp.Protocols.Tests.Dsmr;

/// <summary>Telegrams captured from real meters (see TestData/dsmr/SOURCE.md), with the values their source gives.</summary>
public sealed class P1ParserRealMeterTests
{
    [Fact]
    public void Kaifa_dsmr42_gives_its_registers_power_gas_and_failure_log()
    {
        var t = DsmrTelegrams.Parse("kaifa_dsmr42");

        Assert.Equal(DsmrVariant.Dsmr4, t.Variant);
        Assert.Equal("42", t.Version);
        Assert.Equal("KFM5KAIFA-METER", t.Identification);
        Assert.Equal((ushort)0x6796, t.Crc);
        Assert.Equal(1_581_123, t.ImportT1Wh);
        Assert.Equal(1_435_706, t.ImportT2Wh);
        Assert.Equal(3_016_829, t.ImportTotalWh);
        Assert.Equal(0, t.ExportTotalWh);
        Assert.Equal(2, t.Tariff);
        Assert.Equal(2027, t.PowerImportedW);
        Assert.Equal(-2027, t.PowerW);
        Assert.Equal(981.443m, t.GasM3);
        Assert.Equal(new DateTimeOffset(2016, 11, 29, 19, 0, 0, TimeSpan.Zero), t.GasReadAt!.Value.Utc);
        Assert.Equal(new DateTimeOffset(2016, 11, 13, 19, 57, 57, TimeSpan.Zero), t.MeterTime!.Value.Utc);
        Assert.Equal(P1DstIndicator.Winter, t.MeterTime.Value.Dst);
        Assert.Equal(15, t.PowerFailures);
        Assert.Equal(7, t.LongPowerFailures);
        Assert.Equal(3, t.PowerFailureLog.Count);
        Assert.Equal(TimeSpan.FromSeconds(237126), t.PowerFailureLog[0].Duration);
        Assert.Equal(new DateTimeOffset(2000, 1, 4, 17, 3, 20, TimeSpan.Zero), t.PowerFailureLog[0].EndedAt!.Value.Utc);
        Assert.Equal([0m, 6m, 2m], t.Phases.Select(p => p.CurrentA!.Value));
        Assert.Equal(1247, t.Phases[1].PowerImportedW);
        Assert.All(t.Phases, p => Assert.Null(p.VoltageV));
    }

    [Fact]
    public void Iskra_dsmr50_gives_per_phase_values_decoded_ids_and_two_mbus_channels()
    {
        var t = DsmrTelegrams.Parse("iskra_dsmr50");

        Assert.Equal(DsmrVariant.Dsmr5, t.Variant);
        Assert.Equal(4_426, t.ImportT1Wh);
        Assert.Equal(2_399, t.ImportT2Wh);
        Assert.Equal(2_444, t.ExportT1Wh);
        Assert.Equal(2_444, t.ExportTotalWh);
        Assert.Equal(-244, t.PowerW);
        Assert.Equal([230.0m, 230.0m, 229.0m], t.Phases.Select(p => p.VoltageV!.Value));
        Assert.Equal([0.48m, 0.44m, 0.86m], t.Phases.Select(p => p.CurrentA!.Value));
        Assert.Equal([-70L, -32L, -142L], t.Phases.Select(p => p.PowerW!.Value));
        Assert.Equal("K8EG004046395507", t.EquipmentId);
        Assert.Equal(0.107m, t.GasM3);
        Assert.Equal(2, t.MBusDevices.Count);
        Assert.Equal("2222ABCD123456789", t.MBusDevices[0].EquipmentId);
        Assert.Equal("gas", t.MBusDevices[1].DeviceTypeName);
        Assert.Null(t.MBusDevices[1].Reading);
        Assert.Empty(t.PowerFailureLog);
        Assert.Null(t.TextMessage);
    }

    [Fact]
    public void Sagemcom_telegram_in_Wh_and_W_gives_the_same_whole_Wh_without_scaling()
    {
        var t = DsmrTelegrams.Parse("sagemcom_t210dr_fluvius");

        Assert.Equal(6_545_766, t.ImportTotalWh);
        Assert.Equal(5_017_120, t.ImportT1Wh);
        Assert.Equal(58, t.ExportTotalWh);
        Assert.Equal(286, t.PowerImportedW);
        Assert.Equal(-286, t.PowerW);
        Assert.Equal(P1DstIndicator.Summer, t.MeterTime!.Value.Dst);
        Assert.Equal(new DateTimeOffset(2022, 10, 6, 13, 50, 14, TimeSpan.Zero), t.MeterTime.Value.Utc);
        var reactive = t.Objects.Single(o => o.Code == ObisCode.Parse("1-0:4.8.0"));
        Assert.Equal(new P1Quantity(3_897_726m, "varh"), reactive.Quantity);
        Assert.Empty(t.MBusDevices);
    }

    [Theory]
    [InlineData("kaifa_dsmr42", 33)]
    [InlineData("iskra_dsmr50", 37)]
    [InlineData("sagemcom_t210dr_fluvius", 18)]
    public void Every_line_of_a_real_telegram_is_kept_as_an_object(string name, int lines)
    {
        var t = DsmrTelegrams.Parse(name);

        Assert.Equal(lines, t.Objects.Count);
        Assert.All(t.Objects, o => Assert.NotNull(o.Definition));
    }
}
