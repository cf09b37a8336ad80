using System.Text;
using System.Text.Json;
using OpenVpp.Protocols.Ocpp;

namespace OpenVpp.Protocols.Tests.Ocpp;

public sealed class OcppFramingTests
{
    private static OcppParseResult Parse(string text) => OcppFraming.Parse(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Reads_a_call()
    {
        var call = Assert.IsType<OcppCall>(Parse("""[2,"m1","Heartbeat",{}]""").Message);
        Assert.Equal("m1", call.MessageId);
        Assert.Equal("Heartbeat", call.Action);
    }

    [Fact]
    public void Reads_a_call_result_and_a_call_error()
    {
        Assert.IsType<OcppCallResult>(Parse("""[3,"m1",{"status":"Accepted"}]""").Message);
        var error = Assert.IsType<OcppCallError>(Parse("""[4,"m1","NotSupported","no",{}]""").Message);
        Assert.Equal("NotSupported", error.ErrorCode);
    }

    [Theory]
    [InlineData("not json", "-1", "RpcFrameworkError")]
    [InlineData("""{"a":1}""", "-1", "RpcFrameworkError")]
    [InlineData("""[2,7,"Heartbeat",{}]""", "-1", "RpcFrameworkError")]
    [InlineData("""[2,"m2","Heartbeat"]""", "m2", "FormatViolation")]
    [InlineData("""[2,"m3","Heartbeat",[]]""", "m3", "FormatViolation")]
    [InlineData("""[9,"m4","Heartbeat",{}]""", "m4", "MessageTypeNotSupported")]
    public void Refuses_a_broken_frame_with_the_code_and_id_to_answer(string text, string id, string code)
    {
        var result = Parse(text);
        Assert.Null(result.Message);
        Assert.Equal(id, result.Error!.MessageId);
        Assert.Equal(code, result.Error.Code);
        Assert.True(result.Error.Answerable);
    }

    [Fact]
    public void Never_answers_a_broken_call_result() =>
        Assert.False(Parse("""[3,"m1"]""").Error!.Answerable);

    [Fact]
    public void Writes_frames_that_read_back()
    {
        var payload = JsonDocument.Parse("""{"currentTime":"2026-01-01T00:00:00Z"}""").RootElement;
        var result = Assert.IsType<OcppCallResult>(OcppFraming.Parse(OcppFraming.WriteCallResult("x", payload)).Message);
        Assert.Equal("2026-01-01T00:00:00Z", result.Payload.GetProperty("currentTime").GetString());
        var error = Assert.IsType<OcppCallError>(OcppFraming.Parse(OcppFraming.WriteCallError("y", "NotImplemented", "nope")).Message);
        Assert.Equal("NotImplemented", error.ErrorCode);
    }
}
