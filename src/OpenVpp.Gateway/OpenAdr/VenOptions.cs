namespace OpenVpp.Gateway.OpenAdr;

/// <summary>How the gateway reaches its VTN as a VEN: the VTN's base URL, the VEN client's credentials and its name.</summary>
public sealed class VenOptions
{
    /// <summary>Base URL of the VTN, e.g. http://127.0.0.1:8640/openadr3/3.1.0.</summary>
    public required Uri VtnUrl { get; init; }

    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    /// <summary>The ven's name at the VTN (unique there).</summary>
    public required string VenName { get; init; }

    /// <summary>How often events are fetched; with a webhook subscription this is only the fallback for lost notifications.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Where to listen for the VTN's webhook notifications (e.g. http://127.0.0.1:0 for a free port); null: no
    /// subscription, polling only. The VTN must be able to reach it.
    /// </summary>
    public Uri? CallbackListenUrl { get; init; }
}
