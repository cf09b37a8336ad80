using OpenVpp.Chain.Rpc;

namespace OpenVpp.Chain.Transactions;

/// <summary>Bytes that a log message renders as 0x hex, only when the message is actually written.</summary>
internal readonly struct LogHex(byte[] bytes)
{
    public override string ToString() => RpcHex.FormatData(bytes);
}
