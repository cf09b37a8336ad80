using System.Security.Cryptography;
using OpenVpp.Storage.OpenAdr;

namespace OpenVpp.Node.OpenAdr;

/// <summary>A client created through <see cref="OpenAdrAuth.CreateClient"/>: the secret is shown this once, never stored.</summary>
public sealed record OpenAdrCredentials(string ClientId, string ClientSecret, OpenAdrRole Role, IReadOnlyList<string> Scopes);

/// <summary>The outcome of a token request: a token, or an RFC 6749 error code with a description.</summary>
public sealed record OpenAdrTokenGrant(string? AccessToken, int ExpiresInS, IReadOnlyList<string> Scopes, string? Error, string? ErrorDescription);

/// <summary>
/// OAuth2 client credentials for the VTN. Secrets are 256-bit random, kept as PBKDF2-SHA256 with a per-client salt;
/// tokens are 256-bit random opaque strings kept as SHA-256 with their scopes and expiry, so they survive a node
/// restart and a stolen database yields neither secrets nor usable tokens.
/// </summary>
public sealed class OpenAdrAuth(SqliteOpenAdrStore store, TimeProvider time)
{
    private const int Pbkdf2Iterations = 60_000;
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    /// <summary>Creates a client with <paramref name="scopes"/> (default: its role's) and returns its secret, once.</summary>
    public OpenAdrCredentials CreateClient(OpenAdrRole role, IReadOnlyList<string>? scopes = null, string? clientId = null)
    {
        var granted = scopes ?? OpenAdrScopes.DefaultFor(role);
        if (granted.FirstOrDefault(s => !OpenAdrScopes.All.Contains(s)) is { } unknown)
        {
            throw new ArgumentException($"Unknown scope '{unknown}'; OpenADR 3.1 defines {string.Join(", ", OpenAdrScopes.All)}.", nameof(scopes));
        }

        var id = clientId ?? $"{(role == OpenAdrRole.Ven ? "ven" : "bl")}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        if (id.Length is 0 or > 128 || id.Any(c => char.IsWhiteSpace(c) || c == ':'))
        {
            throw new ArgumentException($"Client id '{id}' must be 1-128 characters without spaces or ':'.", nameof(clientId));
        }

        if (store.FindClient(id) is not null)
        {
            throw new InvalidOperationException($"A client '{id}' already exists.");
        }

        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var salt = RandomNumberGenerator.GetBytes(16);
        store.AddClient(new OpenAdrClient(id, role, [.. granted], salt, Hash(secret, salt), time.GetUtcNow(), false));
        return new OpenAdrCredentials(id, secret, role, [.. granted]);
    }

    public IReadOnlyList<OpenAdrClient> ListClients() => store.ListClients();

    public bool RevokeClient(string clientId) => store.RevokeClient(clientId);

    /// <summary>Exchanges client credentials for a token; <paramref name="scope"/> (space-separated) may narrow the client's scopes.</summary>
    public OpenAdrTokenGrant IssueToken(string clientId, string clientSecret, string? scope)
    {
        var client = store.FindClient(clientId);

        // Hash even for an unknown client, so timing does not tell which client ids exist.
        var hash = Hash(clientSecret, client?.SecretSalt ?? new byte[16]);
        if (client is null || client.Revoked || !CryptographicOperations.FixedTimeEquals(hash, client.SecretHash))
        {
            return new OpenAdrTokenGrant(null, 0, [], "invalid_client", "unknown client or wrong secret");
        }

        var asked = string.IsNullOrWhiteSpace(scope) ? client.Scopes : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (asked.FirstOrDefault(s => !client.Scopes.Contains(s)) is { } refused)
        {
            return new OpenAdrTokenGrant(null, 0, [], "invalid_scope", $"the client is not granted '{refused}'");
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        store.AddToken(new OpenAdrToken(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)), client.ClientId, [.. asked], now + TokenLifetime), now);
        return new OpenAdrTokenGrant(token, (int)TokenLifetime.TotalSeconds, [.. asked], null, null);
    }

    /// <summary>The principal a bearer token stands for, or null when it is unknown, expired or its client revoked.</summary>
    public OpenAdrPrincipal? Authenticate(string? bearer)
    {
        if (string.IsNullOrEmpty(bearer) || bearer.Length > 4096)
        {
            return null;
        }

        var token = store.FindToken(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(bearer)));
        if (token is null || token.ExpiresAt <= time.GetUtcNow() || store.FindClient(token.ClientId) is not { Revoked: false } client)
        {
            return null;
        }

        return new OpenAdrPrincipal(client.ClientId, client.Role, token.Scopes);
    }

    private static byte[] Hash(string secret, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(secret, salt, Pbkdf2Iterations, HashAlgorithmName.SHA256, 32);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
