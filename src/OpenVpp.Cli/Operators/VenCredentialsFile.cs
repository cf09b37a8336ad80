using System.Text.Json;
using OpenVpp.Gateway.OpenAdr;

namespace OpenVpp.Cli.Operators;

/// <summary>Reads a VEN client's credentials file (the operator-credentials.json shape) into the gateway's VEN options.</summary>
internal static class VenCredentialsFile
{
    /// <remarks>Without vtn_url (as `operator add --json` prints it) the VTN is the node's, at <paramref name="nodeUrl"/>.</remarks>
    public static VenOptions Read(string path, string nodeUrl, string venName, TimeSpan poll, string? callbackListen = null)
    {
        OperatorCredentialsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(File.ReadAllText(path), OperatorJsonContext.Default.OperatorCredentialsDocument);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new ArgumentException($"--ven-credentials {path}: cannot be read ({e.Message}). Write one with `openvpp operator add --role ven --json > FILE`.", e);
        }

        var vtnUrl = document?.VtnUrl ?? nodeUrl.TrimEnd('/') + Node.OpenAdr.OpenAdrEndpoints.BasePath;
        if (document is null || !Uri.TryCreate(vtnUrl, UriKind.Absolute, out var vtn) || string.IsNullOrEmpty(document.ClientId) || string.IsNullOrEmpty(document.ClientSecret))
        {
            throw new ArgumentException($"--ven-credentials {path}: needs vtn_url (an absolute URL), client_id and client_secret.");
        }

        if (poll <= TimeSpan.Zero)
        {
            throw new ArgumentException($"--ven-poll {poll} must be positive.");
        }

        Uri? callback = null;
        if (callbackListen is not null && (!Uri.TryCreate(callbackListen, UriKind.Absolute, out callback) || callback.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"--ven-callback {callbackListen}: needs an absolute http:// URL to listen on, e.g. http://127.0.0.1:0.");
        }

        return new VenOptions { VtnUrl = vtn, ClientId = document.ClientId, ClientSecret = document.ClientSecret, VenName = venName, PollInterval = poll, CallbackListenUrl = callback };
    }
}
