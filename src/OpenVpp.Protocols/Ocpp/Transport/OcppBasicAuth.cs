using System.Security.Cryptography;
using System.Text;

namespace OpenVpp.Protocols.Ocpp.Transport;

/// <summary>OCPP Security Profile 1: the HTTP Basic credentials a charging station presents at the WebSocket upgrade.</summary>
internal static class OcppBasicAuth
{
    /// <summary>
    /// Null when <paramref name="authorization"/> is HTTP Basic with username <paramref name="stationId"/> and
    /// <paramref name="password"/>, else why not. The credentials are compared in constant time (as SHA-256 digests,
    /// so not even their length leaks).
    /// </summary>
    public static string? Check(string authorization, string stationId, string password)
    {
        const string scheme = "Basic ";
        if (string.IsNullOrEmpty(authorization))
        {
            return "it sent no credentials (HTTP Basic authorization header)";
        }

        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return "its authorization header is not HTTP Basic";
        }

        byte[] presented;
        try
        {
            presented = Convert.FromBase64String(authorization[scheme.Length..].Trim());
        }
        catch (FormatException)
        {
            return "its HTTP Basic credentials are not base64";
        }

        // The username is the identity in the URL (A00.FR.204); identities may themselves contain ':', so the whole
        // "identity:password" is compared rather than split at the first colon.
        // OCPP 1.6's AuthorizationKey is hexadecimal and the 1.6 security whitepaper sends its decoded octets, while many
        // chargers (and 2.0.1's BasicAuthPassword) send the text itself: a hex password is accepted either way.
        var digest = SHA256.HashData(presented);
        var user = Encoding.UTF8.GetBytes(stationId + ":");
        var asText = Matches(digest, [.. user, .. Encoding.UTF8.GetBytes(password)]);
        var asOctets = password.Length % 2 == 0 && password.All(char.IsAsciiHexDigit)
            && Matches(digest, [.. user, .. Convert.FromHexString(password)]);
        return asText | asOctets ? null : "wrong username or password";

        static bool Matches(byte[] digest, byte[] expected) => CryptographicOperations.FixedTimeEquals(
            digest, SHA256.HashData(expected));
    }
}
