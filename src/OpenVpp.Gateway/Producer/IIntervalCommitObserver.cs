namespace OpenVpp.Gateway.Producer;

/// <summary>
/// Told by the producer after each interval's signed readings are committed to the outbox (for example
/// <see cref="Adapters.Mqtt.MqttReadingPublisher"/>). Called on the producer's loop: an implementation must return
/// at once (queue the work) and must not throw; a failure is logged and never affects the outbox or the uplink.
/// </summary>
public interface IIntervalCommitObserver
{
    void OnIntervalCommitted(CommittedInterval interval);
}
