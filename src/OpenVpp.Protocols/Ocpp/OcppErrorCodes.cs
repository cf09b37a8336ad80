namespace OpenVpp.Protocols.Ocpp;

/// <summary>
/// CALLERROR codes. OCPP 1.6 and 2.0.1 spell some differently: 1.6 says FormationViolation where 2.0.1 says
/// FormatViolation, and 1.6's table misspells OccurenceConstraintViolation, which its errata corrects to
/// OccurrenceConstraintViolation (ocpp-rpc sends the corrected spelling on ocpp1.6 too, and accepts both).
/// <see cref="ForVersion"/> turns the 2.0.1 name into what a station of either version expects.
/// RpcFrameworkError and MessageTypeNotSupported exist only in 2.0.1; on 1.6 they become FormationViolation.
/// </summary>
public static class OcppErrorCodes
{
    public const string FormatViolation = "FormatViolation";
    public const string FormationViolation = "FormationViolation";
    public const string OccurrenceConstraintViolation = "OccurrenceConstraintViolation";
    public const string PropertyConstraintViolation = "PropertyConstraintViolation";
    public const string TypeConstraintViolation = "TypeConstraintViolation";
    public const string NotImplemented = "NotImplemented";
    public const string NotSupported = "NotSupported";
    public const string ProtocolError = "ProtocolError";
    public const string InternalError = "InternalError";
    public const string SecurityError = "SecurityError";
    public const string GenericError = "GenericError";
    public const string RpcFrameworkError = "RpcFrameworkError";
    public const string MessageTypeNotSupported = "MessageTypeNotSupported";

    /// <summary>The code to send a station of <paramref name="version"/> for the 2.0.1-named <paramref name="code"/>.</summary>
    public static string ForVersion(string code, OcppVersion version) => version == OcppVersion.Ocpp201
        ? code
        : code switch
        {
            FormatViolation or RpcFrameworkError or MessageTypeNotSupported => FormationViolation,
            _ => code,
        };
}
