using System.Globalization;
using System.Numerics;

namespace OpenVpp.Chain.Reverts;

/// <summary>The codes of <c>Panic(uint256)</c>, as the Solidity documentation lists them.</summary>
public static class SolidityPanic
{
    /// <summary>What the compiler inserted the panic for, or "unknown panic code" for codes it does not use.</summary>
    public static string Describe(BigInteger code) => (int)BigInteger.Min(code, int.MaxValue) switch
    {
        0x00 => "generic compiler-inserted panic",
        0x01 => "assert(false)",
        0x11 => "arithmetic overflow or underflow",
        0x12 => "division or modulo by zero",
        0x21 => "conversion to an out-of-range enum value",
        0x22 => "access to an incorrectly encoded storage byte array",
        0x31 => "pop() on an empty array",
        0x32 => "array index out of bounds",
        0x41 => "out of memory or an allocation too large",
        0x51 => "call to a zero-initialized internal function",
        _ => "unknown panic code",
    };

    /// <summary><c>Panic 0x11: arithmetic overflow or underflow</c>.</summary>
    public static string Format(BigInteger code) =>
        "Panic 0x" + code.ToString("x2", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(2, '0') + ": " + Describe(code);
}
