namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>
/// Whether a station id may connect to the CSMS and how it must authenticate (OCPP Security Profile 1: HTTP Basic
/// during the WebSocket upgrade, username = the station identity, password = its AuthorizationKey / BasicAuthPassword).
/// </summary>
public sealed record OcppStationAccess
{
    private OcppStationAccess(bool known, string? password)
    {
        Known = known;
        Password = password;
    }

    /// <summary>The station is not one this CSMS serves: refused with 404 before the upgrade.</summary>
    public static OcppStationAccess Unknown { get; } = new(known: false, password: null);

    /// <summary>The station may connect without a password (no security profile).</summary>
    public static OcppStationAccess Open { get; } = new(known: true, password: null);

    /// <summary>The station must present HTTP Basic credentials with this password; refused with 401 otherwise.</summary>
    public static OcppStationAccess WithPassword(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        return new OcppStationAccess(known: true, password);
    }

    public bool Known { get; }

    public string? Password { get; }

    /// <summary>Shortest password OCPP 2.0.1 allows (A00.FR.205).</summary>
    public const int MinPasswordLength = 16;

    /// <summary>Longest password OCPP 2.0.1 requires a station to hold (BasicAuthPassword maxLimit at least 40).</summary>
    public const int MaxPasswordLength = 40;

    /// <summary>Null when <paramref name="password"/> is acceptable, else why not.</summary>
    public static string? CheckPassword(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return password.Length is < MinPasswordLength or > MaxPasswordLength
            ? $"the password must be {MinPasswordLength} to {MaxPasswordLength} characters long (OCPP security profile 1), not {password.Length}"
            : null;
    }

    // Keep the secret out of logs and exception messages.
    public override string ToString() => !Known ? "Unknown" : Password is null ? "Open" : "WithPassword(***)";
}
