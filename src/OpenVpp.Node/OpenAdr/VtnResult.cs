using System.Text.Json.Nodes;

namespace OpenVpp.Node.OpenAdr;

/// <summary>What a VTN operation produced: a body with its status, or a problem's status and detail.</summary>
internal readonly record struct VtnResult(int Status, JsonNode? Body, string? Problem)
{
    public static VtnResult Ok(JsonNode body, int status = 200) => new(status, body, null);

    public static VtnResult Fail(int status, string problem) => new(status, null, problem);
}
