using System.Numerics;
using OpenVpp.Core.Accounts;
using OpenVpp.Core.Devices;

namespace OpenVpp.Core.Rewards;

/// <summary>
/// One device's verified contribution in an epoch and the points it earns. <see cref="Points"/> follows from the
/// other fields alone (<see cref="ContributionPoints.Compute"/>), so anyone can check a row without the readings.
/// </summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Owner">The account its rewards go to.</param>
/// <param name="Kind">What the device is, which decides what it earns for.</param>
/// <param name="ProducedWh">PV generation (a solar inverter's exported energy).</param>
/// <param name="ExportedWh">Grid export (a grid meter's exported energy).</param>
/// <param name="StorageWhH">Battery capacity × hours covered by its readings, rounded down to whole Wh·h.</param>
/// <param name="ReportedIntervals">Distinct readings (by sequence number) the device reported.</param>
/// <param name="CompletenessPpm">Reported / expected intervals, capped at 1, in ppm (rounded down).</param>
/// <param name="Excluded">
/// A reading of the device was rejected as implausible in this epoch, so its points were scaled by
/// <see cref="RewardParameters.ImplausibleDevicePointsPpm"/> (zero by default: excluded).
/// </param>
/// <param name="Points">What the device earned; its owner's share of the emission is proportional to it.</param>
public sealed record DeviceContribution(
    DeviceId DeviceId,
    AccountAddress Owner,
    DeviceKind Kind,
    long ProducedWh,
    long ExportedWh,
    long StorageWhH,
    int ReportedIntervals,
    int CompletenessPpm,
    bool Excluded,
    BigInteger Points)
{
    /// <summary>Verified demand-response delivery credited this epoch (performance-capped Wh); earns <see cref="RewardParameters.FlexibilityWhPoints"/> on top, unscaled by completeness.</summary>
    public long FlexibilityWh { get; init; }
}
