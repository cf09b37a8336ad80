namespace OpenVpp.Protocols.Dsmr;

/// <summary>Which flavour of P1 telegram a meter sent, as far as the telegram itself tells.</summary>
public enum DsmrVariant
{
    /// <summary>DSMR 2.2 or 3.0: no version line and no CRC; they are told apart only by a few optional lines.</summary>
    Dsmr2Or3,

    /// <summary>DSMR 4.x (1-3:0.2.8 is 40, 42, …): CRC16 after '!'.</summary>
    Dsmr4,

    /// <summary>DSMR 5.x (1-3:0.2.8 is 50): CRC16, 115200 baud, 15-minute M-Bus values.</summary>
    Dsmr5,

    /// <summary>Belgian e-MUCS (Fluvius), DSMR 5 based, announced by 0-0:96.1.4; tariff 1 is day, 2 is night.</summary>
    BelgianEMucs,

    /// <summary>Luxembourg Smarty (Creos), DSMR based, announced by its logical device name 0-0:42.0.0; totals on 1.8.0/2.8.0.</summary>
    LuxembourgSmarty,
}
