using System.Text.Json;

namespace OpenVpp.Chain.Abi;

/// <summary>
/// A contract's interface, read from the JSON ABI that solc emits: constructor, functions, events and custom
/// errors as <see cref="AbiFunction"/>, <see cref="AbiEvent"/> and <see cref="AbiError"/>. Fallback and receive
/// entries carry no types and are skipped; so are anonymous events, which <see cref="AbiEvent"/> does not model.
/// </summary>
public sealed class ContractAbi
{
    private ContractAbi(IReadOnlyList<AbiType> constructorInputs, IReadOnlyList<AbiFunction> functions, IReadOnlyList<AbiEvent> events, IReadOnlyList<AbiError> errors)
    {
        ConstructorInputs = constructorInputs;
        Functions = functions;
        Events = events;
        Errors = errors;
    }

    /// <summary>The constructor's parameter types; empty when it takes none or is not declared.</summary>
    public IReadOnlyList<AbiType> ConstructorInputs { get; }

    public IReadOnlyList<AbiFunction> Functions { get; }

    public IReadOnlyList<AbiEvent> Events { get; }

    public IReadOnlyList<AbiError> Errors { get; }

    /// <summary>Parses a JSON ABI array (the "abi" of a solc artifact).</summary>
    /// <exception cref="AbiException">An entry is malformed or has a type the ABI code does not support.</exception>
    public static ContractAbi Parse(JsonElement abi)
    {
        if (abi.ValueKind != JsonValueKind.Array)
        {
            throw new AbiException($"A JSON ABI is an array of entries, not {abi.ValueKind}.");
        }

        IReadOnlyList<AbiType> constructor = [];
        var functions = new List<AbiFunction>();
        var events = new List<AbiEvent>();
        var errors = new List<AbiError>();
        foreach (var entry in abi.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new AbiException($"A JSON ABI entry is an object, not {entry.ValueKind}.");
            }

            // The spec lets "type" default to "function".
            var kind = entry.TryGetProperty("type", out var type) ? AbiJson.String(type, "type") : "function";
            switch (kind)
            {
                case "function":
                    functions.Add(new AbiFunction(AbiJson.Name(entry), AbiJson.Types(entry, "inputs"), AbiJson.Types(entry, "outputs")));
                    break;
                case "event" when !AbiJson.Flag(entry, "anonymous"):
                    events.Add(new AbiEvent(AbiJson.Name(entry), AbiJson.EventParameters(entry)));
                    break;
                case "event":
                    break;
                case "error":
                    errors.Add(new AbiError(AbiJson.Name(entry), AbiJson.Types(entry, "inputs")));
                    break;
                case "constructor":
                    constructor = AbiJson.Types(entry, "inputs");
                    break;
                case "fallback" or "receive":
                    break;
                default:
                    throw new AbiException($"Unknown JSON ABI entry type \"{kind}\".");
            }
        }

        return new ContractAbi(constructor, functions, events, errors);
    }

    /// <summary>Parses a JSON ABI array from its text.</summary>
    public static ContractAbi Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new AbiException($"The JSON ABI is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>The function with this name; throws when there is none or it is overloaded.</summary>
    public AbiFunction Function(string name) => Single(Functions, f => f.Name, name, "function");

    public AbiEvent Event(string name) => Single(Events, e => e.Name, name, "event");

    public AbiError Error(string name) => Single(Errors, e => e.Name, name, "error");

    /// <summary>The function with this canonical signature, e.g. <c>safeTransferFrom(address,address,uint256)</c>.</summary>
    public AbiFunction FunctionBySignature(string signature) => Single(Functions, f => f.Signature, signature, "function");

    private static T Single<T>(IReadOnlyList<T> items, Func<T, string> key, string wanted, string what)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var matches = items.Where(i => key(i) == wanted).Take(2).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new KeyNotFoundException($"The ABI has no {what} \"{wanted}\"."),
            _ => throw new InvalidOperationException($"The ABI has several {what}s named \"{wanted}\"; pick one by signature."),
        };
    }
}
