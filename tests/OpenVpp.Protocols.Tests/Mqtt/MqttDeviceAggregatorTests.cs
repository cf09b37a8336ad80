using OpenVpp.Protocols.Mqtt;

namespace OpenVpp.Protocols.Tests.Mqtt;

public class MqttDeviceAggregatorTests
{
    [Fact]
    public void Adds_tariff_registers_once_every_tariff_has_reported()
    {
        var aggregator = new MqttDeviceAggregator(
        [
            new("t1", null, MqttQuantity.EnergyImportRegister, MqttValueUnit.KWh),
            new("t2", null, MqttQuantity.EnergyImportRegister, MqttValueUnit.KWh),
        ]);

        Assert.Null(aggregator.Apply(0, 1000).ImportedWh);
        var both = aggregator.Apply(1, 500);
        Assert.Equal(1500, both.ImportedWh);
        Assert.Equal(0, both.ExportedWh);
        Assert.Null(both.PowerW);
    }

    [Fact]
    public void Nets_delivered_and_returned_power()
    {
        var aggregator = new MqttDeviceAggregator(
        [
            new("d", null, MqttQuantity.Power, MqttValueUnit.KW, Invert: true),
            new("r", null, MqttQuantity.Power, MqttValueUnit.KW),
        ]);

        Assert.Null(aggregator.Apply(0, -800).PowerW);
        Assert.Equal(-800, aggregator.Apply(1, 0).PowerW);
        Assert.Equal(0, aggregator.Apply(0, 0).PowerW);
        Assert.Equal(1200, aggregator.Apply(1, 1200).PowerW);
    }

    [Fact]
    public void Reports_only_what_the_message_changed()
    {
        var aggregator = new MqttDeviceAggregator(
        [
            new("p", null, MqttQuantity.Power, MqttValueUnit.W),
            new("e", null, MqttQuantity.EnergyExportRegister, MqttValueUnit.Wh),
            new("s", null, MqttQuantity.StateOfCharge, MqttValueUnit.Percent),
        ]);

        Assert.Equal(new MqttDeviceValues(null, null, 42, null, null), aggregator.Apply(0, 42));
        Assert.Equal(new MqttDeviceValues(0, 7, null, null, null), aggregator.Apply(1, 7));
        Assert.Equal(new MqttDeviceValues(null, null, null, 5000, null), aggregator.Apply(2, 5000));
    }

    [Fact]
    public void State_of_charge_from_two_topics_is_the_latest_value_not_their_sum()
    {
        var aggregator = new MqttDeviceAggregator(
        [
            new("bms/1/soc", null, MqttQuantity.StateOfCharge, MqttValueUnit.Percent),
            new("bms/2/soc", null, MqttQuantity.StateOfCharge, MqttValueUnit.Percent),
        ]);

        Assert.Equal(8000, aggregator.Apply(0, 8000).StateOfChargeBp);
        Assert.Equal(7900, aggregator.Apply(1, 7900).StateOfChargeBp);
    }
}
