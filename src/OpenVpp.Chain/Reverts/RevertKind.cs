namespace OpenVpp.Chain.Reverts;

/// <summary>What a revert payload turned out to be.</summary>
public enum RevertKind
{
    /// <summary>No data: <c>revert()</c>, <c>require(cond)</c> without a message, or running out of gas.</summary>
    Empty,

    /// <summary><c>Error(string)</c>: <c>require(cond, "reason")</c> or <c>revert("reason")</c>.</summary>
    Error,

    /// <summary><c>Panic(uint256)</c>: a failed assert, overflow, division by zero, bad array index and the like.</summary>
    Panic,

    /// <summary>A custom error found among the decoder's known errors.</summary>
    Custom,

    /// <summary>Data that matches no known error, or a known selector whose arguments do not decode.</summary>
    Unknown,
}
