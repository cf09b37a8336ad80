namespace OpenVpp.Gateway.Adapters.SunSpec;

/// <summary>
/// A SunSpec device (or several, by unit id) behind one Modbus TCP endpoint: an inverter's own Modbus TCP port, or a
/// Modbus TCP gateway in front of RS-485 devices.
/// </summary>
/// <param name="Host">Host name or IP address of the endpoint.</param>
/// <param name="Port">Modbus TCP port (502 unless the device says otherwise).</param>
/// <param name="Units">The units to enroll, one device each.</param>
/// <param name="PollPeriod">How often each unit is read (default 5 s); readings are built from these samples.</param>
/// <param name="RequestTimeout">How long one Modbus request may take (default 3 s).</param>
/// <param name="MaxRetryDelay">The longest wait between attempts to reach a unit that went offline (default 60 s).</param>
public sealed record SunSpecAdapterOptions(
    string Host,
    int Port,
    IReadOnlyList<SunSpecUnitOptions> Units,
    TimeSpan? PollPeriod = null,
    TimeSpan? RequestTimeout = null,
    TimeSpan? MaxRetryDelay = null)
{
    public TimeSpan Poll => PollPeriod ?? TimeSpan.FromSeconds(5);

    public TimeSpan Timeout => RequestTimeout ?? TimeSpan.FromSeconds(3);

    public TimeSpan MaxRetry => MaxRetryDelay ?? TimeSpan.FromSeconds(60);

    /// <summary>Every problem with these options, empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add("host is empty");
        }

        if (Port is < 1 or > 65535)
        {
            problems.Add($"port {Port} is not 1-65535");
        }

        if (Units is null || Units.Count == 0)
        {
            problems.Add("no units: list at least one unit id with its device");
            return problems;
        }

        foreach (var unit in Units)
        {
            if (unit.UnitId is 0 or > 247)
            {
                problems.Add($"unit id {unit.UnitId} of {unit.DeviceName} is not 1-247");
            }

            if (unit.Kind is not (Core.Devices.DeviceKind.SolarInverter or Core.Devices.DeviceKind.Battery or Core.Devices.DeviceKind.GridMeter))
            {
                problems.Add($"{unit.DeviceName}: kind {unit.Kind} is not one SunSpec serves (SolarInverter, Battery, GridMeter)");
            }

            if (string.IsNullOrWhiteSpace(unit.DeviceName))
            {
                problems.Add($"unit {unit.UnitId} has no device name");
            }
        }

        foreach (var duplicate in Units.GroupBy(u => u.UnitId).Where(g => g.Count() > 1))
        {
            problems.Add($"unit id {duplicate.Key} is listed {duplicate.Count()} times");
        }

        if (Poll <= TimeSpan.Zero || Timeout <= TimeSpan.Zero || MaxRetry < Poll)
        {
            problems.Add("poll period and request timeout must be positive and the max retry delay at least the poll period");
        }

        return problems;
    }
}
