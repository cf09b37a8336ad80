namespace OpenVpp.Gateway.Adapters;

/// <summary>
/// A source of devices and their interval measurements: a simulator today; OCPP, SunSpec Modbus, DSMR P1 and MQTT
/// drivers later. The gateway owns the clock and the interval grid; an adapter only answers for the devices it owns.
/// Live values and control are separate, optional capabilities (<c>Capabilities/</c>) that an adapter's
/// <see cref="IAdapterDevice"/>s implement when the hardware can do them.
/// </summary>
public interface IDeviceAdapter
{
    /// <summary>Short name for logs, for example "simulator" or "p1:/dev/ttyUSB0".</summary>
    string Name { get; }

    /// <summary>The devices this adapter owns; fixed for the adapter's lifetime.</summary>
    IReadOnlyList<IAdapterDevice> Devices { get; }

    /// <summary>
    /// Called once before the first <see cref="MeasureAsync"/> with the start of the first interval the gateway will
    /// ask for. After a restart this is the interval after the last one written to the outbox, so a deterministic
    /// source (the simulator) fast-forwards to it; a live device starts measuring from now.
    /// </summary>
    ValueTask ResumeAtAsync(DateTimeOffset intervalStart, CancellationToken cancellationToken);

    /// <summary>
    /// Closes the interval [intervalStart, intervalEnd) and returns one measurement per device that has one. Called for consecutive
    /// intervals, in order, without gaps; after downtime the gateway also asks for the intervals it missed, which a
    /// live device may answer with nothing (or with a <c>PartialInterval</c> reading covering what it recorded).
    /// </summary>
    ValueTask<IReadOnlyList<IntervalMeasurement>> MeasureAsync(DateTimeOffset intervalStart, DateTimeOffset intervalEnd, CancellationToken cancellationToken);
}
