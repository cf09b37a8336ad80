namespace OpenVpp.Gateway.DemandResponse;

/// <summary>
/// The instructions the gateway holds, per event. An event's instructions are replaced as a whole whenever the
/// event is re-dispatched, so a device left out of the new plan goes back to its own control. Where two events'
/// instructions overlap on one device, the later-received event wins, as the newest dispatch reflects the most
/// recent state of the fleet. Thread-safe: the VEN client writes, the executor reads.
/// </summary>
public sealed class DispatchInstructions
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Sequence, IReadOnlyList<DeviceInstruction> Instructions)> _byEvent = [];
    private long _sequence;

    /// <summary>Raised after every change, so the executor can act before its next tick.</summary>
    public event Action? Changed;

    /// <summary>Replaces event <paramref name="eventId"/>'s instructions; a malformed one is refused whole, naming it.</summary>
    public void Replace(string eventId, IReadOnlyList<DeviceInstruction> instructions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        ArgumentNullException.ThrowIfNull(instructions);
        foreach (var instruction in instructions)
        {
            if (instruction.EventId != eventId)
            {
                throw new ArgumentException($"An instruction for {instruction.DeviceName} belongs to event {instruction.EventId}, not {eventId}.", nameof(instructions));
            }

            if (instruction.Problem() is { } problem)
            {
                throw new ArgumentException($"The instruction for {instruction.DeviceName} in event {eventId} is invalid: {problem}.", nameof(instructions));
            }
        }

        lock (_gate)
        {
            _byEvent[eventId] = (++_sequence, [.. instructions]);
        }

        Changed?.Invoke();
    }

    /// <summary>Drops event <paramref name="eventId"/> (cancelled or deleted); its devices return to their own control.</summary>
    public bool Cancel(string eventId)
    {
        bool removed;
        lock (_gate)
        {
            removed = _byEvent.Remove(eventId);
        }

        if (removed)
        {
            Changed?.Invoke();
        }

        return removed;
    }

    /// <summary>The instruction each device should follow at <paramref name="at"/>; devices not listed follow their own control.</summary>
    public IReadOnlyDictionary<string, DeviceInstruction> ActiveAt(DateTimeOffset at)
    {
        var active = new Dictionary<string, (long Sequence, DeviceInstruction Instruction)>();
        lock (_gate)
        {
            foreach (var (sequence, instructions) in _byEvent.Values)
            {
                foreach (var instruction in instructions)
                {
                    if (instruction.Start <= at && at < instruction.End
                        && (!active.TryGetValue(instruction.DeviceName, out var held) || held.Sequence < sequence))
                    {
                        active[instruction.DeviceName] = (sequence, instruction);
                    }
                }
            }
        }

        return active.ToDictionary(kv => kv.Key, kv => kv.Value.Instruction);
    }

    /// <summary>Removes events whose every instruction ended before <paramref name="before"/>, so memory stays bounded.</summary>
    public void Prune(DateTimeOffset before)
    {
        lock (_gate)
        {
            foreach (var (eventId, entry) in _byEvent.ToList())
            {
                if (entry.Instructions.All(i => i.End < before))
                {
                    _byEvent.Remove(eventId);
                }
            }
        }
    }
}
