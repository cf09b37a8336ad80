namespace OpenVpp.Storage.OpenAdr;

/// <summary>Which side of OpenADR a client is: business logic (the operator) or a VEN.</summary>
public enum OpenAdrRole
{
    BusinessLogic,
    Ven,
}

/// <summary>A client of the VTN. Only a salted hash of its secret is kept.</summary>
public sealed record OpenAdrClient(string ClientId, OpenAdrRole Role, IReadOnlyList<string> Scopes, byte[] SecretSalt, byte[] SecretHash, DateTimeOffset CreatedAt, bool Revoked);

/// <summary>An issued bearer token, kept as its SHA-256 so a copy of the database cannot be replayed as tokens.</summary>
public sealed record OpenAdrToken(byte[] TokenHash, string ClientId, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);

/// <summary>
/// One OpenADR object (program, event, report, subscription, ven, resource) as the VTN stored it: the JSON body as
/// served, plus the columns queries filter on.
/// </summary>
public sealed record OpenAdrObject(string Id, string ObjectType, string? ProgramId, string? Name, string? ClientId, string? VenId, string Body, long Sequence = 0);
