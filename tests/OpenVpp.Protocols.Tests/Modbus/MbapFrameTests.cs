using OpenVpp.Protocols.Modbus;

namespace OpenVpp.Protocols.Tests.Modbus;

public sealed class MbapFrameTests
{
    private static readonly ModbusRequest Read = new(0x0102, 1, ModbusFunction.ReadHoldingRegisters, 40000, 2);

    [Fact]
    public void A_read_request_is_encoded_as_the_specification_shows()
    {
        var buffer = new byte[MbapFrame.MaxFrameLength];

        var length = MbapFrame.WriteReadHoldingRegisters(buffer, Read);

        // Transaction 0x0102, protocol 0, length 6, unit 1, function 3, address 0x9C40, count 2.
        Assert.Equal(Convert.FromHexString("01020000000601039C400002"), buffer[..length]);
    }

    [Fact]
    public void A_write_multiple_request_carries_the_values_big_endian()
    {
        var buffer = new byte[MbapFrame.MaxFrameLength];
        var request = new ModbusRequest(7, 3, ModbusFunction.WriteMultipleRegisters, 40100, 2);

        var length = MbapFrame.WriteWriteMultipleRegisters(buffer, request, [0x1234, 0xFFFF]);

        Assert.Equal(Convert.FromHexString("00070000000B03109CA40002041234FFFF"), buffer[..length]);
    }

    [Fact]
    public void Reads_ask_for_at_most_125_registers()
    {
        var buffer = new byte[MbapFrame.MaxFrameLength];

        Assert.Throws<ArgumentOutOfRangeException>(() => MbapFrame.WriteReadHoldingRegisters(buffer, Read with { Count = 126 }));
    }

    [Fact]
    public void A_matching_response_gives_the_registers()
    {
        var frame = Convert.FromHexString("010200000007010304" + "53756E53");
        var header = MbapFrame.ReadHeader(frame);

        var registers = MbapFrame.ReadResponse(Read, header, frame.AsSpan(MbapFrame.HeaderLength));

        Assert.Equal(new ushort[] { 0x5375, 0x6E53 }, registers);
    }

    [Theory]
    [InlineData(0x01, "IllegalFunction")]
    [InlineData(0x02, "IllegalDataAddress")]
    [InlineData(0x03, "IllegalDataValue")]
    [InlineData(0x04, "ServerDeviceFailure")]
    [InlineData(0x05, "Acknowledge")]
    [InlineData(0x06, "ServerDeviceBusy")]
    [InlineData(0x0A, "GatewayPathUnavailable")]
    [InlineData(0x0B, "GatewayTargetFailedToRespond")]
    public void An_exception_response_names_its_code(byte code, string name)
    {
        byte[] frame = [0x01, 0x02, 0, 0, 0, 3, 1, 0x83, code];
        var header = MbapFrame.ReadHeader(frame);

        var e = Assert.Throws<ModbusException>(() => MbapFrame.ReadResponse(Read, header, frame.AsSpan(MbapFrame.HeaderLength)));

        Assert.Equal((ModbusExceptionCode)code, e.Code);
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.Contains("40000", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("010300000007010304" + "53756E53", "transaction id")]
    [InlineData("010200000007020304" + "53756E53", "unit")]
    [InlineData("010200000007010404" + "53756E53", "function")]
    [InlineData("010200000005010302" + "5375", "registers")]
    public void A_response_that_does_not_answer_the_request_is_an_error(string hex, string says)
    {
        var frame = Convert.FromHexString(hex);
        var header = MbapFrame.ReadHeader(frame);

        var e = Assert.Throws<ModbusProtocolException>(() => MbapFrame.ReadResponse(Read, header, frame.AsSpan(MbapFrame.HeaderLength)));

        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("010200010007", "Protocol id")]
    [InlineData("010200000001", "PDU")]
    [InlineData("010200000200", "PDU")]
    public void A_header_that_cannot_be_modbus_tcp_is_refused(string hex, string says)
    {
        var header = Convert.FromHexString(hex + "01");

        var e = Assert.Throws<ModbusProtocolException>(() => MbapFrame.ReadHeader(header));

        Assert.Contains(says, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_response_must_echo_the_request()
    {
        var request = new ModbusRequest(9, 1, ModbusFunction.WriteMultipleRegisters, 40100, 2);
        byte[] frame = [0, 9, 0, 0, 0, 6, 1, 0x10, 0x9C, 0xA4, 0, 3];

        var e = Assert.Throws<ModbusProtocolException>(() => MbapFrame.ReadResponse(request, MbapFrame.ReadHeader(frame), frame.AsSpan(MbapFrame.HeaderLength)));

        Assert.Contains("echoes", e.Message, StringComparison.Ordinal);
    }
}
