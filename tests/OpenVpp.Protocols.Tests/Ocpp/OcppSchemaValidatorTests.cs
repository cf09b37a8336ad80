using System.Text.Json;
using OpenVpp.Protocols.Ocpp;

namespace OpenVpp.Protocols.Tests.Ocpp;

public sealed class OcppSchemaValidatorTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Theory]
    [InlineData(OcppVersion.Ocpp16, """{"chargePointVendor":"ACME","chargePointModel":"X1"}""")]
    [InlineData(OcppVersion.Ocpp201, """{"reason":"PowerUp","chargingStation":{"model":"X1","vendorName":"ACME"}}""")]
    public void Accepts_a_valid_boot_notification(OcppVersion version, string payload) =>
        Assert.Null(OcppSchemaValidator.For(version).ValidateRequest("BootNotification", Json(payload)));

    [Theory]
    [InlineData(OcppVersion.Ocpp16, """{"chargePointVendor":"ACME"}""", "OccurrenceConstraintViolation", "required")]
    [InlineData(OcppVersion.Ocpp16, """{"chargePointVendor":"ACME","chargePointModel":7}""", "TypeConstraintViolation", "type")]
    [InlineData(OcppVersion.Ocpp16, """{"chargePointVendor":"ACME","chargePointModel":"X","colour":"red"}""", "PropertyConstraintViolation", "additionalProperties")]
    [InlineData(OcppVersion.Ocpp16, """{"chargePointVendor":"ACME-ACME-ACME-ACME-ACME","chargePointModel":"X"}""", "FormatViolation", "maxLength")]
    [InlineData(OcppVersion.Ocpp201, """{"reason":"Sneezed","chargingStation":{"model":"X1","vendorName":"ACME"}}""", "FormatViolation", "enum")]
    [InlineData(OcppVersion.Ocpp201, """{"reason":"PowerUp","chargingStation":{"vendorName":"ACME"}}""", "OccurrenceConstraintViolation", "required")]
    public void Names_a_schema_failure_as_ocpp_rpc_does(OcppVersion version, string payload, string code, string keyword)
    {
        var error = OcppSchemaValidator.For(version).ValidateRequest("BootNotification", Json(payload));
        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        Assert.Equal(keyword, error.Keyword);
    }

    [Fact]
    public void Refuses_a_timestamp_that_is_not_a_date_time() =>
        Assert.NotNull(OcppSchemaValidator.For(OcppVersion.Ocpp16).ValidateRequest(
            "MeterValues", Json("""{"connectorId":1,"meterValue":[{"timestamp":"yesterday","sampledValue":[{"value":"1"}]}]}""")));

    [Fact]
    public void Knows_the_actions_of_each_version()
    {
        Assert.True(OcppSchemaValidator.For(OcppVersion.Ocpp16).Knows("StartTransaction"));
        Assert.False(OcppSchemaValidator.For(OcppVersion.Ocpp201).Knows("StartTransaction"));
        Assert.True(OcppSchemaValidator.For(OcppVersion.Ocpp201).Knows("TransactionEvent"));
        Assert.False(OcppSchemaValidator.For(OcppVersion.Ocpp16).Knows("MakeCoffee"));
    }

    [Theory]
    [InlineData("FormatViolation", OcppVersion.Ocpp16, "FormationViolation")]
    [InlineData("RpcFrameworkError", OcppVersion.Ocpp16, "FormationViolation")]
    [InlineData("OccurrenceConstraintViolation", OcppVersion.Ocpp16, "OccurrenceConstraintViolation")]
    [InlineData("FormatViolation", OcppVersion.Ocpp201, "FormatViolation")]
    [InlineData("RpcFrameworkError", OcppVersion.Ocpp201, "RpcFrameworkError")]
    public void Spells_error_codes_as_each_version_does(string code, OcppVersion version, string expected) =>
        Assert.Equal(expected, OcppErrorCodes.ForVersion(code, version));
}
