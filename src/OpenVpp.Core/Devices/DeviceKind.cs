namespace OpenVpp.Core.Devices;

/// <summary>What a device is; decides which plausibility rules and reading fields apply.</summary>
public enum DeviceKind : byte
{
    /// <summary>Smart meter at the grid connection: imported/exported are grid import/export.</summary>
    GridMeter = 1,

    /// <summary>Rooftop PV inverter: exported is generation.</summary>
    SolarInverter = 2,

    /// <summary>Home battery: imported is charge, exported is discharge; has state of charge and health.</summary>
    Battery = 3,

    /// <summary>EV charger: imported is energy delivered to the car; state of charge is the car's when known.</summary>
    EvCharger = 4,

    /// <summary>Household consumption sub-meter (CT clamp): imported is the home's consumption.</summary>
    HouseholdLoad = 5,
}
