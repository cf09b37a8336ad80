namespace OpenVpp.Chain.Abi;

/// <summary>Splits <c>name(T1,...,Tn)</c> into an identifier and its parameter types; shared by functions and events.</summary>
internal static class AbiSignature
{
    public static (string Name, IReadOnlyList<AbiType> Types) Parse(string signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var open = signature.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            throw new AbiException($"Bad ABI signature \"{signature}\": expected name(types).");
        }

        var name = signature[..open];
        return (RequireIdentifier(name), AbiTypeParser.ParseList(signature[open..]));
    }

    public static string RequireIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var valid = name.Length > 0
            && !char.IsAsciiDigit(name[0])
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$');
        return valid ? name : throw new AbiException($"\"{name}\" is not a Solidity identifier.");
    }

    public static string Format(string name, IEnumerable<AbiType> types) =>
        name + "(" + string.Join(',', types.Select(t => t.Canonical)) + ")";
}
