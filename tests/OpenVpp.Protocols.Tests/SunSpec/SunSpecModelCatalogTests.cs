using OpenVpp.Protocols.SunSpec.Definitions;

namespace OpenVpp.Protocols.Tests.SunSpec;

public sealed class SunSpecModelCatalogTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(101)]
    [InlineData(103)]
    [InlineData(123)]
    [InlineData(124)]
    [InlineData(203)]
    [InlineData(701)]
    [InlineData(705)]
    [InlineData(713)]
    [InlineData(802)]
    public void The_embedded_models_load(int id)
    {
        var model = SunSpecModelCatalog.Embedded.Find(id);

        Assert.NotNull(model);
        Assert.Equal("ID", model.Group.Points[0].Name);
        Assert.Equal("L", model.Group.Points[1].Name);
    }

    [Fact]
    public void Every_embedded_model_parses()
    {
        Assert.True(SunSpecModelCatalog.Embedded.Models.Count() >= 28);
    }

    [Fact]
    public void Points_carry_type_size_offset_scale_factor_units_and_access()
    {
        var controls = SunSpecModelCatalog.Embedded.Find(123)!.Group;
        var limit = controls.Point("WMaxLimPct")!;
        var enable = controls.Point("WMaxLim_Ena")!;

        Assert.Equal(SunSpecPointType.UInt16, limit.Type);
        Assert.Equal(5, limit.Offset);
        Assert.Equal("WMaxLimPct_SF", limit.ScaleFactorPoint);
        Assert.Equal("% WMax", limit.Units);
        Assert.True(limit.Writable);
        Assert.Equal(["DISABLED", "ENABLED"], enable.Symbols.Select(s => s.Name));
        Assert.False(SunSpecModelCatalog.Embedded.Find(101)!.Group.Point("W")!.Writable);
        Assert.True(SunSpecModelCatalog.Embedded.Find(1)!.Group.Point("Mn")!.Mandatory);
    }

    [Fact]
    public void Repeating_groups_know_their_count_point()
    {
        var voltVar = SunSpecModelCatalog.Embedded.Find(705)!.Group;
        var curve = Assert.Single(voltVar.Groups);
        var point = Assert.Single(curve.Groups);

        Assert.Equal("NCrv", curve.CountPoint);
        Assert.Equal("NPt", point.CountPoint);
        Assert.Equal("V_SF", point.Point("V")!.ScaleFactorPoint);
    }

    [Fact]
    public void A_fixed_integer_scale_factor_is_read_as_a_number()
    {
        using var json = new MemoryStream("""
            {"id": 64999, "group": {"name": "t", "type": "group", "points": [
              {"name": "ID", "type": "uint16", "size": 1}, {"name": "L", "type": "uint16", "size": 1},
              {"name": "V", "type": "uint16", "size": 1, "sf": -1, "units": "V"},
              {"name": "A", "type": "uint16", "size": 1, "sf": "2"}]}}
            """u8.ToArray());

        var model = SunSpecModelCatalog.Parse(json);

        Assert.Equal(-1, model.Group.Point("V")!.FixedScaleFactor);
        Assert.Equal(2, model.Group.Point("A")!.FixedScaleFactor);
        Assert.Null(model.Group.Point("V")!.ScaleFactorPoint);
    }
}
