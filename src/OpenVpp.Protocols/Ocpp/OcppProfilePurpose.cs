namespace OpenVpp.Protocols.Ocpp;

/// <summary>Which charging profile caps the station: its overall maximum, or the default for every transaction.</summary>
public enum OcppProfilePurpose
{
    /// <summary>1.6 ChargePointMaxProfile / 2.0.1 ChargingStationMaxProfile: the whole station's ceiling.</summary>
    StationMax,

    /// <summary>TxDefaultProfile: applied to every transaction that has no profile of its own.</summary>
    TxDefault,
}
