using System.Text.Json.Nodes;

namespace OpenVpp.Node.OpenAdr;

/// <summary>One committed change of a VTN object: its objectType, the operation (CREATE, UPDATE, DELETE) and the object as stored.</summary>
public sealed record OpenAdrChange(string ObjectType, string Operation, JsonObject Body);

/// <summary>
/// In-process publication of every committed VTN change, after the commit: webhooks subscribe to it, and so will the
/// node's demand-response service. Handlers run on the writer's thread and must not block; a failing handler is
/// logged by its owner and never undoes the change.
/// </summary>
public sealed class OpenAdrFeed
{
    public event Action<OpenAdrChange>? Changed;

    internal void Publish(string objectType, string operation, JsonObject body)
    {
        var change = new OpenAdrChange(objectType, operation, (JsonObject)body.DeepClone());
        foreach (var handler in Changed?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<OpenAdrChange>)handler)(change);
            }
            catch (Exception)
            {
                // A subscriber's bug must not turn a committed write into an error answer.
            }
        }
    }
}
