namespace OpenVpp.Node.DemandResponse;

/// <summary>How the node's demand-response service plans and measures operator events.</summary>
public sealed class DemandResponseOptions
{
    /// <summary>Whether the node dispatches its fleet for operator events at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long before an event starts the fleet is dispatched. Gateways poll for their setpoints, and a setpoint
    /// that arrives mid-interval controls only part of it, so this must exceed their poll period comfortably.
    /// </summary>
    public TimeSpan Lead { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The gateways' metering interval: event intervals must be whole multiples of it, on its grid.</summary>
    public TimeSpan ReadingInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The share of a battery's usable capacity an event never takes: the owner's reserve.</summary>
    public double BatteryReserveFraction { get; set; } = 0.20;

    /// <summary>How often the service looks at events, resources and clocks (it also wakes on every VTN change).</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after an event's end measurement waits for late readings before counting them missing.</summary>
    public TimeSpan LateReadingAllowance { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<string> Problems()
    {
        if (Lead < TimeSpan.Zero)
        {
            yield return $"DemandResponse.Lead {Lead} is negative (default 30 minutes).";
        }

        if (ReadingInterval <= TimeSpan.Zero || TimeSpan.FromDays(1).Ticks % ReadingInterval.Ticks != 0)
        {
            yield return $"DemandResponse.ReadingInterval {ReadingInterval} must be positive and divide a day (default 15 minutes).";
        }

        if (BatteryReserveFraction is < 0 or >= 1 || double.IsNaN(BatteryReserveFraction))
        {
            yield return $"DemandResponse.BatteryReserveFraction {BatteryReserveFraction} must be in [0, 1) (default 0.20).";
        }

        if (Tick <= TimeSpan.Zero)
        {
            yield return $"DemandResponse.Tick {Tick} must be positive (default 1 minute).";
        }

        if (LateReadingAllowance < TimeSpan.Zero)
        {
            yield return $"DemandResponse.LateReadingAllowance {LateReadingAllowance} is negative (default 1 hour).";
        }
    }
}
