namespace OpenVpp.IntegrationTests;

public class CliHelpTests
{
    [Theory]
    [InlineData("up", "simulated fleet")]
    [InlineData("node", "Merkle root")]
    [InlineData("gateway", "keystore.json")]
    [InlineData("demo", "--faults")]
    [InlineData("verify-epoch", "Exit code 0")]
    [InlineData("bench ingest", "raw_verify_per_s")]
    [InlineData("wallet new", "mode 0600")]
    [InlineData("wallet list", "addresses")]
    [InlineData("wallet balance", "OPENVPP_PRIVATE_KEY")]
    [InlineData("wallet claim", "Merkle proof")]
    [InlineData("device register", "already registered")]
    [InlineData("p1 decode", "CRC16")]
    [InlineData("sunspec scan", "'SunS' marker")]
    [InlineData("ocpp listen", "ocpp2.0.1")]
    [InlineData("bench ocpp", "MeterValues")]
    [InlineData("peers", "modbus-serial")]
    [InlineData("gateway", "--config examples/gateway.yaml")]
    public async Task Every_command_explains_itself_with_help(string command, string expected)
    {
        var (code, output, _) = await CliRunner.RunAsync([.. command.Split(' '), "--help"]);

        Assert.Equal(0, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_fails_with_a_message_and_non_zero_exit()
    {
        var (code, output, error) = await CliRunner.RunAsync("demo", "--no-such-option");

        Assert.NotEqual(0, code);
        Assert.Contains("--no-such-option", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_line_that_does_not_parse_exits_with_the_usage_error_code_2()
    {
        var (code, output, error) = await CliRunner.RunAsync("wallet", "new");

        Assert.Equal(2, code);
        Assert.Contains("--name", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_duration_is_refused_with_an_example_of_a_good_one()
    {
        var (code, output, error) = await CliRunner.RunAsync("node", "--epoch-length", "soon");

        Assert.NotEqual(0, code);
        Assert.Contains("15m", output + error, StringComparison.Ordinal);
    }
}
