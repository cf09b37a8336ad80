using OpenVpp.Protocols.Ocpp;

namespace OpenVpp.Protocols.Tests.Ocpp;

public sealed class OcppChargingProfilesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Builds_a_1_6_charge_point_max_profile_on_connector_0_in_watts()
    {
        var payload = OcppChargingProfiles.BuildSetLimit(OcppVersion.Ocpp16, OcppProfilePurpose.StationMax, 42, 1, 3_700, Start);
        Assert.Equal(0, (int)payload["connectorId"]!);
        var profile = payload["csChargingProfiles"]!;
        Assert.Equal("ChargePointMaxProfile", (string)profile["chargingProfilePurpose"]!);
        Assert.Equal("W", (string)profile["chargingSchedule"]!["chargingRateUnit"]!);
        Assert.Equal(3_700, (int)profile["chargingSchedule"]!["chargingSchedulePeriod"]![0]!["limit"]!);
    }

    [Theory]
    [InlineData(OcppProfilePurpose.StationMax, "ChargingStationMaxProfile")]
    [InlineData(OcppProfilePurpose.TxDefault, "TxDefaultProfile")]
    public void Builds_a_2_0_1_profile_on_evse_0(OcppProfilePurpose purpose, string expected)
    {
        var payload = OcppChargingProfiles.BuildSetLimit(OcppVersion.Ocpp201, purpose, 7, 0, 0, Start);
        Assert.Equal(0, (int)payload["evseId"]!);
        Assert.Equal(expected, (string)payload["chargingProfile"]!["chargingProfilePurpose"]!);
        Assert.Equal(0, (int)payload["chargingProfile"]!["chargingSchedule"]![0]!["chargingSchedulePeriod"]![0]!["limit"]!);
    }

    [Theory]
    [InlineData(OcppVersion.Ocpp16, "id")]
    [InlineData(OcppVersion.Ocpp201, "chargingProfileId")]
    public void Clears_the_profile_by_id(OcppVersion version, string field) =>
        Assert.Equal(9, (int)OcppChargingProfiles.BuildClear(version, 9)[field]!);
}
