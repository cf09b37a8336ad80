using System.Globalization;
using System.Text.Json.Nodes;

namespace OpenVpp.Protocols.Ocpp;

/// <summary>
/// Builds the SetChargingProfile and ClearChargingProfile payloads that cap a whole station's charging power in W:
/// 1.6 on connectorId 0 (ChargePointMaxProfile or TxDefaultProfile), 2.0.1 on evseId 0 (ChargingStationMaxProfile or
/// TxDefaultProfile). The profile is Absolute from <c>startSchedule</c> with one open-ended period, which both
/// versions require of a station-wide maximum. Every payload is checked against the official schema before it leaves.
/// </summary>
public static class OcppChargingProfiles
{
    public const string SetChargingProfile = "SetChargingProfile";
    public const string ClearChargingProfile = "ClearChargingProfile";

    /// <summary>Builds SetChargingProfile capping charging at <paramref name="limitW"/> W (0 pauses charging).</summary>
    public static JsonObject BuildSetLimit(OcppVersion version, OcppProfilePurpose purpose, int profileId, int stackLevel, int limitW, DateTimeOffset startSchedule)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limitW);
        var start = startSchedule.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var period = new JsonArray(new JsonObject { ["startPeriod"] = 0, ["limit"] = limitW });
        JsonObject payload;
        if (version == OcppVersion.Ocpp16)
        {
            payload = new JsonObject
            {
                ["connectorId"] = 0,
                ["csChargingProfiles"] = new JsonObject
                {
                    ["chargingProfileId"] = profileId,
                    ["stackLevel"] = stackLevel,
                    ["chargingProfilePurpose"] = purpose == OcppProfilePurpose.StationMax ? "ChargePointMaxProfile" : "TxDefaultProfile",
                    ["chargingProfileKind"] = "Absolute",
                    ["chargingSchedule"] = new JsonObject
                    {
                        ["startSchedule"] = start,
                        ["chargingRateUnit"] = "W",
                        ["chargingSchedulePeriod"] = period,
                    },
                },
            };
        }
        else
        {
            payload = new JsonObject
            {
                ["evseId"] = 0,
                ["chargingProfile"] = new JsonObject
                {
                    ["id"] = profileId,
                    ["stackLevel"] = stackLevel,
                    ["chargingProfilePurpose"] = purpose == OcppProfilePurpose.StationMax ? "ChargingStationMaxProfile" : "TxDefaultProfile",
                    ["chargingProfileKind"] = "Absolute",
                    ["chargingSchedule"] = new JsonArray(new JsonObject
                    {
                        ["id"] = profileId,
                        ["startSchedule"] = start,
                        ["chargingRateUnit"] = "W",
                        ["chargingSchedulePeriod"] = period,
                    }),
                },
            };
        }

        OcppSchemaValidator.For(version).RequireValid(SetChargingProfile, request: true, payload);
        return payload;
    }

    /// <summary>Builds ClearChargingProfile removing the profile <paramref name="profileId"/> set by <see cref="BuildSetLimit"/>.</summary>
    public static JsonObject BuildClear(OcppVersion version, int profileId)
    {
        var payload = version == OcppVersion.Ocpp16
            ? new JsonObject { ["id"] = profileId }
            : new JsonObject { ["chargingProfileId"] = profileId };
        OcppSchemaValidator.For(version).RequireValid(ClearChargingProfile, request: true, payload);
        return payload;
    }
}
