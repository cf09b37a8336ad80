using System.Text.Json;
using OpenVpp.Protocols.Ocpp;

namespace OpenVpp.Protocols.Tests.Ocpp;

public sealed class OcppMeterValuesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<OcppMeterSample> Map(OcppVersion version, string meterValue) =>
        OcppMeterValues.Map(version, JsonDocument.Parse(meterValue).RootElement, Now);

    [Fact]
    public void Maps_1_6_registers_power_and_soc_with_units()
    {
        var sample = Assert.Single(Map(OcppVersion.Ocpp16, """
            [{"timestamp":"2026-11-25T11:59:00Z","sampledValue":[
              {"value":"12.5","measurand":"Energy.Active.Import.Register","unit":"kWh"},
              {"value":"7400","measurand":"Power.Active.Import","unit":"W"},
              {"value":"63.5","measurand":"SoC","unit":"Percent","location":"EV"},
              {"value":"230","measurand":"Voltage","unit":"V"}]}]
            """));
        Assert.Equal(12_500, sample.ImportedWh);
        Assert.Equal(-7_400, sample.PowerW);
        Assert.Equal((ushort)6_350, sample.StateOfChargeBp);
        Assert.Equal(Now.AddMinutes(-1), sample.At);
    }

    [Fact]
    public void Takes_an_unlabelled_1_6_value_as_the_import_register_in_wh()
    {
        var sample = Assert.Single(Map(OcppVersion.Ocpp16, """[{"timestamp":"2026-11-25T12:00:00Z","sampledValue":[{"value":"4321"}]}]"""));
        Assert.Equal(4_321, sample.ImportedWh);
        Assert.Null(sample.PowerW);
    }

    [Fact]
    public void Sums_phases_when_a_station_gives_no_total()
    {
        var sample = Assert.Single(Map(OcppVersion.Ocpp16, """
            [{"timestamp":"2026-11-25T12:00:00Z","sampledValue":[
              {"value":"2.3","measurand":"Power.Active.Import","unit":"kW","phase":"L1"},
              {"value":"2.3","measurand":"Power.Active.Import","unit":"kW","phase":"L2"},
              {"value":"2.4","measurand":"Power.Active.Import","unit":"kW","phase":"L3"}]}]
            """));
        Assert.Equal(-7_000, sample.PowerW);
    }

    [Fact]
    public void Maps_2_0_1_numbers_with_unit_and_multiplier()
    {
        var sample = Assert.Single(Map(OcppVersion.Ocpp201, """
            [{"timestamp":"2026-11-25T12:00:00Z","sampledValue":[
              {"value":12.5,"measurand":"Energy.Active.Import.Register","unitOfMeasure":{"unit":"kWh"}},
              {"value":1.1,"measurand":"Energy.Active.Export.Register","unitOfMeasure":{"unit":"Wh","multiplier":3}},
              {"value":11,"measurand":"Power.Active.Import","unitOfMeasure":{"unit":"W","multiplier":3}},
              {"value":80,"measurand":"SoC","unitOfMeasure":{"unit":"Percent"}}]}]
            """));
        Assert.Equal(12_500, sample.ImportedWh);
        Assert.Equal(1_100, sample.ExportedWh);
        Assert.Equal(-11_000, sample.PowerW);
        Assert.Equal((ushort)8_000, sample.StateOfChargeBp);
    }

    [Fact]
    public void Skips_values_it_cannot_read() =>
        Assert.Empty(Map(OcppVersion.Ocpp16, """[{"timestamp":"2026-11-25T12:00:00Z","sampledValue":[{"value":"n/a","measurand":"Power.Active.Import"}]}]"""));
}
