using System.Text.Json;
using System.Text.Json.Serialization;
using OpenVpp.Node.OpenAdr;
using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.Cli.Operators;

/// <summary>What `openvpp up` writes for the local operator: enough for any OpenADR 3.1 client to start.</summary>
internal sealed record OperatorCredentialsDocument(
    [property: JsonPropertyName("vtn_url")] string VtnUrl,
    [property: JsonPropertyName("token_url")] string TokenUrl,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(OperatorCredentialsDocument))]
internal sealed partial class OperatorJsonContext : JsonSerializerContext;

/// <summary>
/// Keeps DIR/operator-credentials.json (mode 0600): the VTN URL, its token URL and a business-logic client's id and
/// secret. The client is created once; later runs keep it while it still exists and is not revoked, and create a new
/// one otherwise, since a secret cannot be read back from the store.
/// </summary>
internal static class OperatorCredentials
{
    public const string FileName = "operator-credentials.json";

    /// <summary>Where `up` keeps its gateway's VEN client, inside the gateway's data dir.</summary>
    public const string VenFileName = "ven-credentials.json";

    /// <summary>Keeps <paramref name="path"/> holding a live client of <paramref name="role"/>; returns what it holds.</summary>
    public static OperatorCredentialsDocument Ensure(string path, OpenAdrAuth auth, string nodeUrl, OpenAdrRole role = OpenAdrRole.BusinessLogic)
    {
        var vtnUrl = nodeUrl.TrimEnd('/') + OpenAdrEndpoints.BasePath;
        OperatorCredentialsDocument? kept = null;
        if (File.Exists(path))
        {
            try
            {
                kept = JsonSerializer.Deserialize(File.ReadAllText(path), OperatorJsonContext.Default.OperatorCredentialsDocument);
            }
            catch (JsonException)
            {
                // Unreadable: replaced below with a fresh client.
            }
        }

        var client = kept is null ? null : auth.ListClients().FirstOrDefault(c => c.ClientId == kept.ClientId && !c.Revoked && c.Role == role);
        var document = client is not null
            ? kept! with { VtnUrl = vtnUrl, TokenUrl = vtnUrl + "/auth/token" }
            : Create(auth, vtnUrl, role);

        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            JsonSerializer.Serialize(stream, document, OperatorJsonContext.Default.OperatorCredentialsDocument);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        return document;
    }

    private static OperatorCredentialsDocument Create(OpenAdrAuth auth, string vtnUrl, OpenAdrRole role)
    {
        var credentials = auth.CreateClient(role);
        return new OperatorCredentialsDocument(vtnUrl, vtnUrl + "/auth/token", credentials.ClientId, credentials.ClientSecret);
    }
}
