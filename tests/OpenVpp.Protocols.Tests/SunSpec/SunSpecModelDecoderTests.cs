using OpenVpp.Protocols.SunSpec.Simulation;
using OpenVpp.Protocols.SunSpec;
using OpenVpp.Protocols.SunSpec.Definitions;
using OpenVpp.Testing.SunSpec;

namespace OpenVpp.Protocols.Tests.SunSpec;

/// <summary>Decoding register maps without I/O.</summary>
public sealed class SunSpecModelDecoderTests
{
    [Fact]
    public void Scale_factors_are_applied_as_exact_decimals()
    {
        var inverter = Decode(SunSpecTestDevices.SinglePhaseInverter(), 101);

        Assert.Equal(21.50m, inverter.Find("A")!.Value);
        Assert.Equal(230.1m, inverter.Find("PhVphA")!.Value);
        Assert.Equal(50.01m, inverter.Find("Hz")!.Value);
        Assert.Equal(12_345_670m, inverter.Find("WH")!.Value);
        Assert.Equal(-2, inverter.Find("A")!.ScaleFactor);
        Assert.Equal("Wh", inverter.Find("WH")!.Units);
    }

    [Fact]
    public void Not_implemented_points_are_absent_never_numbers()
    {
        var inverter = Decode(SunSpecTestDevices.SinglePhaseInverter(), 101);

        Assert.Null(inverter.Find("AphB")!.Value);
        Assert.False(inverter.Find("VAr")!.IsImplemented);
        Assert.False(inverter.Find("TmpSnk")!.IsImplemented);
        Assert.False(inverter.Find("PPVphAB")!.IsImplemented);
    }

    [Fact]
    public void A_value_whose_scale_factor_is_not_implemented_is_absent()
    {
        var map = new SunSpecMapBuilder().Model(101, m => m.Set("W", 1200)).Build();

        var inverter = Decode(map, 40002, 101);

        Assert.Null(inverter.Find("W")!.Value);
    }

    [Fact]
    public void Enums_and_bitfields_carry_their_symbols()
    {
        var inverter = Decode(SunSpecTestDevices.SinglePhaseInverter(), 101);
        var map = new SunSpecMapBuilder().Model(101, m => m.Set("Evt1", 0b1001)).Build();
        var events = Decode(map, 40002, 101);

        Assert.Equal("MPPT", inverter.Find("St")!.Text);
        Assert.Equal(4m, inverter.Find("St")!.Value);
        Assert.Equal("GROUND_FAULT|DC_DISCONNECT", events.Find("Evt1")!.Text);
    }

    [Fact]
    public void Repeating_groups_are_decoded_per_repetition_with_counts_from_their_count_points()
    {
        var voltVar = Decode(SunSpecTestDevices.ThreePhaseDerInverter(), 705);

        var curves = voltVar.Root!.Groups;
        Assert.Equal(2, curves.Count);
        Assert.Equal(4, curves[0].Groups.Count);
        Assert.Equal(207.0m, voltVar.Find("Crv[1].Pt[1].V")!.Value);
        Assert.Equal(30m, voltVar.Find("Crv[1].Pt[1].Var")!.Value);
        Assert.Equal(210.0m, voltVar.Find("Crv[2].Pt[1].V")!.Value);
        Assert.False(voltVar.Find("Crv[2].Pt[4].V")!.IsImplemented);
        Assert.Equal("Crv[2]", curves[1].PathName);
    }

    [Fact]
    public void A_model_cut_short_leaves_its_missing_points_absent()
    {
        var map = SunSpecTestDevices.Meter().Build();
        var definition = SunSpecModelCatalog.Embedded.Find(1)!;
        var shortModel = map.AsSpan(2, 40).ToArray();

        var common = SunSpecModelDecoder.Decode(definition, 50002, shortModel);

        Assert.Equal("OpenVPP Test Devices", common.Find("Mn")!.Text);
        Assert.False(common.Find("DA")!.IsImplemented);
    }

    private static SunSpecModel Decode(SunSpecMapBuilder builder, int id) => Decode(builder.Build(), builder.AddressOf(id), id, builder.BaseAddress);

    private static SunSpecModel Decode(ushort[] map, ushort address, int id, ushort baseAddress = 40000)
    {
        var at = address - baseAddress;
        var definition = SunSpecModelCatalog.Embedded.Find(id)!;
        var length = map[at + 1];
        var root = SunSpecModelDecoder.Decode(definition, address, map.AsSpan(at, length + 2));
        return new SunSpecModel(id, address, length, definition, root);
    }
}
