using System.Numerics;
using OpenVpp.Chain.Abi;

namespace OpenVpp.Chain.Reverts;

/// <summary>A decoded revert: what kind, which error, its arguments, and one readable line.</summary>
/// <param name="Kind">What the data turned out to be.</param>
/// <param name="Name">"Error", "Panic", the custom error's name, or null for empty or unknown data.</param>
/// <param name="Arguments">The decoded arguments (the message for Error, the code for Panic).</param>
/// <param name="Message">One line for people, e.g. <c>NothingToClaim(0xf39F..., 5, 7)</c>.</param>
/// <param name="Data">The raw revert data.</param>
public sealed record RevertReason(RevertKind Kind, string? Name, IReadOnlyList<object?> Arguments, string Message, byte[] Data)
{
    /// <summary>The custom error definition that matched, for <see cref="RevertKind.Custom"/>.</summary>
    public AbiError? Error { get; init; }

    /// <summary>The panic code, for <see cref="RevertKind.Panic"/>.</summary>
    public BigInteger? PanicCode { get; init; }

    public override string ToString() => Message;
}
