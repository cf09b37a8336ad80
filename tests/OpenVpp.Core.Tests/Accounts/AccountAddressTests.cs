using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpenVpp.Core.Accounts;

namespace OpenVpp.Core.Tests.Accounts;

public class AccountAddressTests
{
    private static Arbitrary<byte[]> AddressBytes => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), AccountAddress.Length).ToArbitrary();

    [Property]
    public Property Parse_of_ToString_round_trips_in_lower_case() =>
        Prop.ForAll(AddressBytes, bytes =>
        {
            var address = new AccountAddress(bytes);
            var text = address.ToString();
            return text == "0x" + Convert.ToHexStringLower(bytes)
                && AccountAddress.Parse(text) == address
                && address.ToArray().AsSpan().SequenceEqual(bytes);
        });

    [Fact]
    public void Ignores_letter_case_of_the_hex_digits_and_prints_lower_case()
    {
        var checksummed = AccountAddress.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");

        Assert.Equal(AccountAddress.Parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"), checksummed);
        Assert.Equal(AccountAddress.Parse("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED"), checksummed);
        Assert.Equal("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", checksummed.ToString());
    }

    [Theory]
    [InlineData("", "expected 0x followed by 40 hex digits")]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "expected 0x followed by 40 hex digits")]
    [InlineData("0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "expected 0x followed by 40 hex digits")]
    [InlineData(" 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "expected 0x followed by 40 hex digits")]
    [InlineData("0x", "got 0 characters")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae", "got 39 characters")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0", "got 41 characters")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed ", "got 41 characters")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg", "'g' at position 41")]
    [InlineData("0x 5aaeb6053f3e94c9b9a09f33669435e7ef1beae", "' ' at position 2")]
    [InlineData("0x+5aaeb6053f3e94c9b9a09f33669435e7ef1beae", "'+' at position 2")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea\u0661d", "'\u0661' at position 40")] // Arabic-Indic digit one
    public void Rejects_anything_but_0x_and_40_hex_digits_saying_why(string text, string reason)
    {
        Assert.False(AccountAddress.TryParse(text, out var address));
        Assert.Equal(default, address);
        var error = Assert.Throws<FormatException>(() => AccountAddress.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_null()
    {
        Assert.False(AccountAddress.TryParse(null, out _));
        Assert.Throws<FormatException>(() => AccountAddress.Parse(null!));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(19)]
    [InlineData(21)]
    [InlineData(32)]
    public void Constructor_rejects_anything_but_20_bytes(int length)
    {
        Assert.Throws<ArgumentException>(() => new AccountAddress(new byte[length]));
    }

    [Fact]
    public void Default_is_the_zero_address()
    {
        var zero = default(AccountAddress);

        Assert.Equal("0x0000000000000000000000000000000000000000", zero.ToString());
        Assert.Equal(new AccountAddress(new byte[20]), zero);
        Assert.Equal(new AccountAddress(new byte[20]).GetHashCode(), zero.GetHashCode());
        Assert.Equal(20, zero.Bytes.Length);
    }

    [Property]
    public Property Orders_as_the_lower_case_hex_text_does() =>
        Prop.ForAll(AddressBytes, AddressBytes, (a, b) =>
        {
            var (x, y) = (new AccountAddress(a), new AccountAddress(b));
            var expected = Math.Sign(string.CompareOrdinal(x.ToString(), y.ToString()));
            return Math.Sign(x.CompareTo(y)) == expected
                && (x < y) == (expected < 0)
                && (x >= y) == (expected >= 0)
                && (x == y) == (expected == 0);
        });

    [Fact]
    public void Orders_by_the_first_differing_byte_not_by_length_or_sum()
    {
        var low = AccountAddress.Parse("0x00ffffffffffffffffffffffffffffffffffffff");
        var high = AccountAddress.Parse("0x0100000000000000000000000000000000000000");

        Assert.True(low < high);
        Assert.Equal([low, high], new[] { high, low }.Order().ToArray());
    }

    [Fact]
    public void Keeps_its_own_copy_of_the_bytes()
    {
        var bytes = new byte[20];
        var address = new AccountAddress(bytes);
        bytes[0] = 0xFF;
        var copy = address.ToArray();
        copy[1] = 0xFF;

        Assert.Equal(default, address);
    }

    [Fact]
    public void Equal_addresses_hash_alike_and_work_as_dictionary_keys()
    {
        var a = AccountAddress.Parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        var b = AccountAddress.Parse("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED");
        var map = new Dictionary<AccountAddress, int> { [a] = 1 };

        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a.Equals((object)b));
        Assert.Equal(1, map[b]);
        Assert.NotEqual(a, default);
    }
}
