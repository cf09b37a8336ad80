namespace OpenVpp.Chain.Rpc;

/// <summary>
/// The block a state query runs against: a number, or one of the spec's tags. <c>default</c> is
/// <see cref="Latest"/>, so an unset parameter never means block 0.
/// </summary>
public readonly record struct BlockParameter
{
    private readonly string? _tag;
    private readonly ulong _number;
    private readonly bool _isNumber;

    private BlockParameter(string tag) => _tag = tag;

    private BlockParameter(ulong number)
    {
        _number = number;
        _isNumber = true;
    }

    /// <summary>The head of the canonical chain; the same value as <c>default</c>.</summary>
    public static BlockParameter Latest => default;

    /// <summary>Latest plus the node's pending transactions: the right base for the next nonce.</summary>
    public static BlockParameter Pending { get; } = new("pending");

    /// <summary>The latest block the consensus layer has finalized (cannot be reorged).</summary>
    public static BlockParameter Finalized { get; } = new("finalized");

    public static BlockParameter Safe { get; } = new("safe");

    public static BlockParameter Earliest { get; } = new("earliest");

    /// <summary>The block number, or null for a tag.</summary>
    public ulong? Number => _isNumber ? _number : null;

    public static BlockParameter FromNumber(ulong number) => new(number);

    public static implicit operator BlockParameter(ulong number) => new(number);

    /// <summary>The JSON-RPC form: a hex quantity or the tag's name.</summary>
    public string ToRpcString() => _isNumber ? RpcHex.FormatQuantity(_number) : _tag ?? "latest";

    public override string ToString() => _isNumber ? _number.ToString(System.Globalization.CultureInfo.InvariantCulture) : _tag ?? "latest";
}
