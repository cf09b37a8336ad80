using OpenVpp.Protocols.SunSpec.Simulation;
namespace OpenVpp.Testing.SunSpec;

/// <summary>
/// Register maps of realistic devices, built from the model definitions. Values are raw registers; the comments give
/// what they decode to. Points not set are "not implemented", as on real devices (a single-phase inverter has no
/// phase B current, a meter without reactive energy leaves those accumulators at 0).
/// </summary>
internal static class SunSpecTestDevices
{
    public const int VendorModelId = 64001;

    /// <summary>A 5 kW single-phase PV inverter: 1 + 101 + 120 + 123, a vendor model, at 40000.</summary>
    public static SunSpecMapBuilder SinglePhaseInverter(ushort baseAddress = 40000) => new SunSpecMapBuilder(baseAddress)
        .Model(1, m => Common(m, "SI-5000", "INV-0001", "1.4.2"))
        .Model(101, m => m
            .Set("A", 2150).Set("AphA", 2150).Set("A_SF", -2) // 21.50 A
            .Set("PhVphA", 2301).Set("V_SF", -1) // 230.1 V
            .Set("W", 4950).Set("W_SF", 0) // 4950 W
            .Set("Hz", 5001).Set("Hz_SF", -2) // 50.01 Hz
            .Set("VA", 4990).Set("VA_SF", 0)
            .Set("PF", 99).Set("PF_SF", -2)
            .Set("WH", 1234567).Set("WH_SF", 1) // 12,345,670 Wh
            .Set("DCA", 1270).Set("DCA_SF", -2).Set("DCV", 4010).Set("DCV_SF", -1).Set("DCW", 5090).Set("DCW_SF", 0)
            .Set("TmpCab", 385).Set("Tmp_SF", -1) // 38.5 C; TmpSnk stays not implemented
            .Set("St", 4) // MPPT
            .Set("Evt1", 0))
        .Unknown(VendorModelId, 10)
        .Model(120, m => m.Set("DERTyp", 4).Set("WRtg", 5000).Set("WRtg_SF", 0).Set("VARtg", 5000).Set("VARtg_SF", 0))
        .Model(123, m => m
            .Set("WMaxLimPct", 1000).Set("WMaxLimPct_SF", -1) // 100.0 %
            .Set("WMaxLim_Ena", 0)
            .Set("WMaxLimPct_RvrtTms", 0)
            .Set("Conn", 1));

    /// <summary>A 10 kW three-phase DER inverter: 1 + 103 + 701 + 702 + 704 + 705 (two volt-var curves of four points).</summary>
    public static SunSpecMapBuilder ThreePhaseDerInverter(ushort baseAddress = 0) => new SunSpecMapBuilder(baseAddress)
        .Model(1, m => Common(m, "TP-10K", "INV-0003", "2.0.0"))
        .Model(103, m => m
            .Set("A", 1450).Set("AphA", 483).Set("AphB", 484).Set("AphC", 483).Set("A_SF", -2)
            .Set("PhVphA", 2300).Set("PhVphB", 2310).Set("PhVphC", 2290).Set("V_SF", -1)
            .Set("W", 9870).Set("W_SF", 0)
            .Set("Hz", 4999).Set("Hz_SF", -2)
            .Set("WH", 765432).Set("WH_SF", 2) // 76,543,200 Wh
            .Set("St", 4))
        .Model(701, m => m
            .Set("ACType", 2).Set("St", 1).Set("InvSt", 3).Set("ConnSt", 1)
            .Set("W", 987).Set("W_SF", 1) // 9870 W
            .Set("Hz", 49990).Set("Hz_SF", -3)
            .Set("TotWhInj", 76543200).Set("TotWhAbs", 1200).Set("TotWh_SF", 0)
            .Set("LLV", 4000).Set("LNV", 2300).Set("V_SF", -1))
        .Model(702, m => m.Set("WMaxRtg", 10000).Set("WMax", 10000).Set("W_SF", 0))
        .Model(704, m => m
            .Set("WMaxLimPctEna", 0).Set("WMaxLimPct", 100).Set("WMaxLimPct_SF", 0)
            .Set("WSetEna", 0).Set("WSetMod", 1).Set("WSet", 0).Set("WSet_SF", 0))
        .Model(705, m => m
            .Set("Ena", 1).Set("V_SF", -1).Set("DeptRef_SF", 0)
            .Set("Crv[1].ActPt", 4).Set("Crv[1].Pt[1].V", 2070).Set("Crv[1].Pt[1].Var", 30)
            .Set("Crv[1].Pt[2].V", 2200).Set("Crv[1].Pt[2].Var", 0)
            .Set("Crv[2].ActPt", 2).Set("Crv[2].Pt[1].V", 2100).Set("Crv[2].Pt[1].Var", 20),
            counts: new Dictionary<string, int> { ["Crv"] = 2, ["Pt"] = 4 });

    /// <summary>A 5 kW / 10 kWh battery: 1 + 701 + 802 + 124 + 713 + 704.</summary>
    public static SunSpecMapBuilder Battery(ushort baseAddress = 40000) => new SunSpecMapBuilder(baseAddress)
        .Model(1, m => Common(m, "BAT-10", "BAT-0002", "3.1.0"))
        .Model(701, m => m
            .Set("ACType", 0).Set("W", -2500).Set("W_SF", 0) // charging at 2.5 kW
            .Set("TotWhInj", 500000).Set("TotWhAbs", 620000).Set("TotWh_SF", 0))
        .Model(802, m => m
            .Set("WHRtg", 10000).Set("WHRtg_SF", 0)
            .Set("WChaRteMax", 5000).Set("WDisChaRteMax", 5000).Set("WChaDisChaMax_SF", 0)
            .Set("SoC", 655).Set("SoC_SF", -1) // 65.5 %
            .Set("SoH", 98).Set("SoH_SF", 0)
            .Set("ChaSt", 4).Set("V", 4820).Set("V_SF", -1).Set("W", -2500).Set("W_SF", 0))
        .Model(124, m => m
            .Set("WChaMax", 5000).Set("WChaMax_SF", 0)
            .Set("StorCtl_Mod", 0)
            .Set("ChaState", 655).Set("ChaState_SF", -1)
            .Set("InWRte", 0).Set("OutWRte", 0).Set("InOutWRte_SF", -1)
            .Set("ChaSt", 4))
        .Model(713, m => m.Set("WHRtg", 1000).Set("WHAvail", 655).Set("WH_SF", 1).Set("SoC", 655).Set("SoH", 980).Set("Pct_SF", -1).Set("Sta", 0))
        .Model(704, m => m.Set("WSetEna", 0).Set("WSetMod", 1).Set("WSet", 0).Set("WSet_SF", 0).Set("WMaxLimPct_SF", 0));

    /// <summary>A three-phase grid meter: 1 + 203 at 50000, importing 1.84 kW.</summary>
    public static SunSpecMapBuilder Meter(ushort baseAddress = 50000) => new SunSpecMapBuilder(baseAddress)
        .Model(1, m => Common(m, "GM-3", "MTR-0004", "1.0.0"))
        .Model(203, m => m
            .Set("A", 800).Set("AphA", 300).Set("AphB", 250).Set("AphC", 250).Set("A_SF", -2)
            .Set("PhV", 2300).Set("PhVphA", 2300).Set("PhVphB", 2300).Set("PhVphC", 2300).Set("V_SF", -1)
            .Set("Hz", 5000).Set("Hz_SF", -2)
            .Set("W", 1840).Set("WphA", 700).Set("WphB", 570).Set("WphC", 570).Set("W_SF", 0) // positive: importing
            .Set("TotWhExp", 345678).Set("TotWhImp", 912345).Set("TotWh_SF", 1) // 3,456,780 / 9,123,450 Wh
            .Set("Evt", 0));

    private static SunSpecMapBuilder.ModelValues Common(SunSpecMapBuilder.ModelValues m, string model, string serial, string version) => m
        .Text("Mn", "OpenVPP Test Devices")
        .Text("Md", model)
        .Text("Vr", version)
        .Text("SN", serial)
        .Set("DA", 1);
}
