namespace OpenVpp.Core.DemandResponse.Dispatch;

/// <summary>
/// What was seen of one dispatched device during the event: it dropped out (offline, refused the setpoint), or it
/// delivered <paramref name="DeliveredW"/> of flexibility (measured against its baseline).
/// </summary>
public readonly record struct DeliveryObservation(int DeviceIndex, bool Dropped, double DeliveredW = 0)
{
    public static DeliveryObservation DroppedOut(int deviceIndex) => new(deviceIndex, true);

    public static DeliveryObservation Delivered(int deviceIndex, double deliveredW) => new(deviceIndex, false, deliveredW);
}
