using System.Numerics;
using OpenVpp.Chain.Crypto;
using OpenVpp.Chain.Tests.Crypto;
using OpenVpp.Chain.Tests.Support;
using OpenVpp.Chain.Transactions;

namespace OpenVpp.Chain.Tests.Transactions;

/// <summary>Transactions and keys shared by the transaction tests.</summary>
internal static class TransactionSamples
{
    public static Secp256k1Key Anvil0 { get; } = Secp256k1Key.FromPrivateKey(Hex.Decode(Secp256k1KeyTests.AnvilKey0));

    public static EthAddress Anvil1Address { get; } = EthAddress.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

    public static Eip1559Transaction Transfer { get; } = new()
    {
        ChainId = 31337,
        Nonce = 3,
        MaxPriorityFeePerGas = 1_000_000_000,
        MaxFeePerGas = 2_000_000_000,
        GasLimit = 21_000,
        To = Anvil1Address,
        Value = 12345,
        Data = Hex.Decode("0xdeadbeef"),
    };

    public static Eip1559Transaction Creation { get; } = new()
    {
        ChainId = 1,
        Nonce = 0,
        MaxPriorityFeePerGas = 1,
        MaxFeePerGas = 2,
        GasLimit = 100_000,
        To = null,
        Value = 0,
        Data = Hex.Decode("0x6000"),
    };

    public static Eip1559Transaction WithAccessList { get; } = Transfer with
    {
        Nonce = 1_000_000,
        Value = BigInteger.Pow(10, 24),
        AccessList =
        [
            new AccessListEntry(Anvil1Address, [Hex.Decode("0x" + new string('0', 63) + "1"), new byte[32]]),
            new AccessListEntry(EthAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), []),
        ],
    };

    public static void AssertSameFields(Eip1559Transaction expected, Eip1559Transaction actual)
    {
        Assert.Equal(expected.ChainId, actual.ChainId);
        Assert.Equal(expected.Nonce, actual.Nonce);
        Assert.Equal(expected.MaxPriorityFeePerGas, actual.MaxPriorityFeePerGas);
        Assert.Equal(expected.MaxFeePerGas, actual.MaxFeePerGas);
        Assert.Equal(expected.GasLimit, actual.GasLimit);
        Assert.Equal(expected.To, actual.To);
        Assert.Equal(expected.Value, actual.Value);
        Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
        Assert.Equal(expected.AccessList.Count, actual.AccessList.Count);
        for (var i = 0; i < expected.AccessList.Count; i++)
        {
            Assert.Equal(expected.AccessList[i].Address, actual.AccessList[i].Address);
            Assert.Equal(expected.AccessList[i].StorageKeys, actual.AccessList[i].StorageKeys);
        }
    }
}
