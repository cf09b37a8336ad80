using System.Text;

namespace OpenVpp.Protocols.Dsmr;

/// <summary>
/// Parses one P1 telegram (DSMR 2.2–5.0, Belgian e-MUCS, Luxembourg Smarty) from its bytes: "/header", an empty
/// line, "OBIS(value)…" lines, and "!" followed by the CRC16 from DSMR 4 on. Bytes before the first '/' and after
/// the '!' line are ignored. A bad CRC, a cut-off telegram or a value that cannot be what its code says is returned
/// as a <see cref="P1Error"/>; a code this parser does not know is kept as a raw line.
/// </summary>
public static class P1Parser
{
    /// <summary>Parses a telegram given as text (each char one byte, as on the wire).</summary>
    public static P1ParseResult Parse(string telegram)
    {
        ArgumentNullException.ThrowIfNull(telegram);
        return Parse(Encoding.Latin1.GetBytes(telegram));
    }

    public static P1ParseResult Parse(ReadOnlySpan<byte> input)
    {
        var start = input.IndexOf((byte)'/');
        if (start < 0)
        {
            return P1ParseResult.Fail(P1ErrorReason.NoTelegram, "not a P1 telegram: no '/' header line.");
        }

        var telegram = input[start..];
        var bang = telegram.IndexOf("\n!"u8);
        if (bang < 0)
        {
            return P1ParseResult.Fail(P1ErrorReason.Truncated, $"truncated telegram: no '!' end line after {telegram.Length} bytes; the rest was lost on the way.");
        }

        bang++;
        var afterBang = telegram[(bang + 1)..];
        var crcEnd = afterBang.IndexOfAny((byte)'\r', (byte)'\n');
        var crcText = (crcEnd < 0 ? afterBang : afterBang[..crcEnd]).Trim((byte)' ');
        ushort? crc = null;
        if (crcText.Length == 4 && TryHex16(crcText, out var sent))
        {
            var computed = Crc16Arc.Compute(telegram[..(bang + 1)]);
            if (computed != sent)
            {
                return P1ParseResult.Fail(
                    P1ErrorReason.CrcMismatch,
                    $"CRC mismatch: expected {sent:X4} (sent after '!'), actual {computed:X4} (computed over '/'..'!'); the telegram was damaged on the way.");
            }

            crc = sent;
        }
        else if (crcText.Length != 0)
        {
            return P1ParseResult.Fail(P1ErrorReason.MalformedLine, $"bad CRC field '!{P1Values.Ascii(crcText[..Math.Min(crcText.Length, 16)])}': expected 4 hex digits after '!'.");
        }

        var body = telegram[..bang];
        var headerEnd = body.IndexOf((byte)'\n');
        var identification = P1Values.Ascii(body[1..headerEnd].TrimEnd((byte)'\r').Trim((byte)' '));
        var builder = new P1TelegramBuilder();
        var error = ParseLines(body[(headerEnd + 1)..], builder);
        if (error is not null)
        {
            return P1ParseResult.Fail(error.Reason, error.Message);
        }

        // Every meter sends data lines; a header straight followed by '!' is a damaged telegram (for example a line end
        // turned into '!'), and without a CRC nothing else would catch it.
        if (builder.Objects.Count == 0)
        {
            return P1ParseResult.Fail(P1ErrorReason.Truncated, "empty telegram: no data lines between the '/' header and '!'; the telegram was damaged on the way.");
        }

        var variant = VariantOf(builder, crc is not null);
        if (crc is null && variant != DsmrVariant.Dsmr2Or3)
        {
            return P1ParseResult.Fail(P1ErrorReason.CrcMissing, $"CRC missing: a {variant} telegram (version {builder.BelgianVersion ?? builder.Version}) must end with '!' and 4 hex digits.");
        }

        return P1ParseResult.Ok(builder.Build(identification, variant, crc));
    }

    private static DsmrVariant VariantOf(P1TelegramBuilder b, bool hasCrc) => b switch
    {
        { BelgianVersion: not null } => DsmrVariant.BelgianEMucs,
        { HasLogicalDeviceName: true } => DsmrVariant.LuxembourgSmarty,
        { Version: ['5', ..] } => DsmrVariant.Dsmr5,
        { Version: not null } => DsmrVariant.Dsmr4,
        _ => hasCrc ? DsmrVariant.Dsmr4 : DsmrVariant.Dsmr2Or3,
    };

    private static P1Error? ParseLines(ReadOnlySpan<byte> lines, P1TelegramBuilder builder)
    {
        // An object may continue on following lines that start with '(' (DSMR 2.2/3.0 gas); it is interpreted once
        // the next object (or the end) shows it is complete.
        var lineNumber = 1;
        var pendingLine = 0;
        var pendingCode = default(ObisCode);
        ReadOnlySpan<byte> pendingValue = default;
        var pendingStart = -1;
        var offset = 0;
        while (offset < lines.Length)
        {
            lineNumber++;
            var end = lines[offset..].IndexOf((byte)'\n');
            var lineEnd = end < 0 ? lines.Length : offset + end;
            var line = lines[offset..lineEnd].TrimEnd((byte)'\r');
            var next = end < 0 ? lines.Length : lineEnd + 1;
            if (line.Trim((byte)' ').IsEmpty)
            {
                offset = next;
                continue;
            }

            if (line[0] == '(' && pendingStart >= 0)
            {
                pendingValue = lines[pendingStart..(offset + line.Length)];
                offset = next;
                continue;
            }

            if (pendingStart >= 0 && Interpret(pendingLine, pendingCode, pendingValue, builder) is { } error)
            {
                return error;
            }

            var paren = line.IndexOf((byte)'(');
            if (paren <= 0 || !ObisCode.TryParse(line[..paren], out pendingCode))
            {
                return new P1Error(P1ErrorReason.MalformedLine, $"line {lineNumber} is not 'OBIS(value)': '{Shorten(line)}'.");
            }

            pendingLine = lineNumber;
            pendingStart = offset + paren;
            pendingValue = line[paren..];
            offset = next;
        }

        return pendingStart >= 0 ? Interpret(pendingLine, pendingCode, pendingValue, builder) : null;
    }

    private static P1Error? Interpret(int lineNumber, ObisCode code, ReadOnlySpan<byte> value, P1TelegramBuilder b)
    {
        var definition = ObisRegistry.Find(code);
        var raw = P1Values.Ascii(value.TrimEnd((byte)' '));
        if (definition is null)
        {
            b.Objects.Add(new P1Object(code, null, raw));
            return null;
        }

        if (P1FieldReader.Count(value) < 0)
        {
            return Malformed(lineNumber, code, value);
        }

        var fields = new P1FieldReader(value);
        _ = fields.TryNext(out var first);

        // Built once at the end: a P1Object per line is most of what a telegram allocates.
        P1Quantity? quantity = null;
        P1Timestamp? timestamp = null;
        string? text = null;
        switch (definition.Kind)
        {
            case ObisKind.Raw:
                if (definition.Role is ObisRole.Version)
                {
                    b.Version = P1Values.Ascii(first);
                }
                else if (definition.Role is ObisRole.BelgianVersion)
                {
                    b.BelgianVersion = P1Values.Ascii(first);
                }

                break;
            case ObisKind.HexText:
                text = P1Values.HexText(first);
                break;
            case ObisKind.Timestamp:
                if (!P1Timestamp.TryParse(first, out var time, out _))
                {
                    return Bad(lineNumber, code, definition, $"'{P1Values.Ascii(first)}' is not a timestamp YYMMDDhhmmss followed by S or W");
                }

                timestamp = time;
                break;
            case ObisKind.Energy or ObisKind.ReactiveEnergy or ObisKind.Power or ObisKind.ReactivePower or ObisKind.Voltage or ObisKind.Current:
                if (!P1Values.TryParseQuantity(first, out var number, out var unit))
                {
                    return Bad(lineNumber, code, definition, $"'{P1Values.Ascii(first)}' is not a number with a unit");
                }

                if (!UnitFits(definition.Kind, unit, out var kilo))
                {
                    return new P1Error(
                        P1ErrorReason.WrongUnit,
                        $"line {lineNumber}: {code} ({definition.Name}) has unit '{P1Values.Ascii(unit)}' where {ExpectedUnits(definition.Kind)} is expected.");
                }

                quantity = new P1Quantity(number, P1Values.Unit(unit));
                Assign(b, definition, number, kilo);
                break;
            case ObisKind.Number or ObisKind.AnyQuantity:
                if (first.IsEmpty)
                {
                    break;
                }

                if (!P1Values.TryParseQuantity(first, out number, out unit))
                {
                    return Bad(lineNumber, code, definition, $"'{P1Values.Ascii(first)}' is not a number");
                }

                quantity = new P1Quantity(number, P1Values.Unit(unit));
                AssignNumber(b, code, definition, number);
                break;
            case ObisKind.TimedQuantity:
                if (!fields.TryNext(out var second) || !P1Values.TryParseQuantity(second, out number, out unit))
                {
                    return Bad(lineNumber, code, definition, "expected (timestamp)(value*unit)");
                }

                if (!P1Timestamp.TryParse(first, out time, out var zero) && !zero)
                {
                    return Bad(lineNumber, code, definition, $"'{P1Values.Ascii(first)}' is not a timestamp");
                }

                quantity = new P1Quantity(number, P1Values.Unit(unit));
                timestamp = zero ? null : time;
                if (definition.Role is ObisRole.MBusReading)
                {
                    var slot = b.MBus(code.B);
                    (slot.Seen, slot.Reading, slot.ReadAt) = (true, quantity, timestamp);
                }

                break;
            case ObisKind.LegacyMBusReading:
                return LegacyMBus(lineNumber, code, definition, value, raw, b);
            case ObisKind.PowerFailureLog:
                return FailureLog(lineNumber, code, definition, value, raw, b);
        }

        if (definition.Kind is ObisKind.HexText)
        {
            switch (definition.Role)
            {
                case ObisRole.EquipmentId: b.EquipmentId = text; break;
                case ObisRole.TextMessage: b.TextMessage = text; break;
                case ObisRole.LogicalDeviceName: b.HasLogicalDeviceName = true; break;
                case ObisRole.MBusEquipmentId:
                    var slot = b.MBus(code.B);
                    (slot.Seen, slot.EquipmentId) = (true, string.IsNullOrEmpty(text) ? null : text);
                    break;
            }
        }
        else if (definition.Role is ObisRole.MeterTime)
        {
            b.MeterTime = timestamp;
        }

        b.Objects.Add(new P1Object(code, definition, raw) { Quantity = quantity, Timestamp = timestamp, Text = text });
        return null;
    }

    private static void Assign(P1TelegramBuilder b, ObisDefinition definition, decimal number, bool kilo)
    {
        var scaled = P1Values.Scaled(number, kilo);
        switch (definition.Role)
        {
            case ObisRole.ImportT1: b.ImportT1Wh = scaled; break;
            case ObisRole.ImportT2: b.ImportT2Wh = scaled; break;
            case ObisRole.ImportTotal: b.ImportTotalWh = scaled; break;
            case ObisRole.ExportT1: b.ExportT1Wh = scaled; break;
            case ObisRole.ExportT2: b.ExportT2Wh = scaled; break;
            case ObisRole.ExportTotal: b.ExportTotalWh = scaled; break;
            case ObisRole.PowerDelivered: b.PowerImportedW = scaled; break;
            case ObisRole.PowerReceived: b.PowerExportedW = scaled; break;
            case ObisRole.PhaseVoltage: Phase(b, definition).VoltageV = number; break;
            case ObisRole.PhaseCurrent: Phase(b, definition).CurrentA = number; break;
            case ObisRole.PhasePowerDelivered: Phase(b, definition).ImportedW = scaled; break;
            case ObisRole.PhasePowerReceived: Phase(b, definition).ExportedW = scaled; break;
        }
    }

    private static void AssignNumber(P1TelegramBuilder b, ObisCode code, ObisDefinition definition, decimal number)
    {
        var whole = (long)decimal.Truncate(number);
        switch (definition.Role)
        {
            case ObisRole.Tariff: b.Tariff = (int)Math.Clamp(whole, int.MinValue, int.MaxValue); break;
            case ObisRole.PowerFailures: b.PowerFailures = whole; break;
            case ObisRole.LongPowerFailures: b.LongPowerFailures = whole; break;
            case ObisRole.PhaseSags: Phase(b, definition).Sags = whole; break;
            case ObisRole.PhaseSwells: Phase(b, definition).Swells = whole; break;
            case ObisRole.MBusDeviceType:
                var slot = b.MBus(code.B);
                (slot.Seen, slot.DeviceType) = (true, (int)Math.Clamp(whole, 0, 255));
                break;
            case ObisRole.MBusValve:
                slot = b.MBus(code.B);
                (slot.Seen, slot.Valve) = (true, (int)Math.Clamp(whole, 0, 255));
                break;
        }
    }

    private static P1TelegramBuilder.PhaseSlot Phase(P1TelegramBuilder b, ObisDefinition definition)
    {
        var slot = b.Phase(definition.Phase);
        slot.Seen = true;
        return slot;
    }

    // 0-n:24.3.0(090212160000)(00)(60)(1)(0-n:24.2.1)(m3)\r\n(00000.000): time without DST flag, four parameters,
    // the unit, and the value (on the next line).
    private static P1Error? LegacyMBus(int lineNumber, ObisCode code, ObisDefinition definition, ReadOnlySpan<byte> value, string raw, P1TelegramBuilder b)
    {
        var reader = new P1FieldReader(value);
        ReadOnlySpan<byte> timeField = default, unitField = default, valueField = default;
        var index = 0;
        while (reader.TryNext(out var field))
        {
            switch (index++)
            {
                case 0: timeField = field; break;
                case 5: unitField = field; break;
                case 6: valueField = field; break;
            }
        }

        if (reader.Malformed)
        {
            return Malformed(lineNumber, code, value);
        }

        if (index < 7 || !P1Values.TryParseNumber(valueField, out var number))
        {
            return Bad(lineNumber, code, definition, "expected (time)(..)(..)(..)(OBIS)(unit) and (value) on the next line");
        }

        P1Timestamp? readAt = P1Timestamp.TryParse(timeField, out var time, out var zero) ? time : null;
        if (readAt is null && !zero)
        {
            return Bad(lineNumber, code, definition, $"'{P1Values.Ascii(timeField)}' is not a timestamp");
        }

        var quantity = new P1Quantity(number, P1Values.Unit(unitField));
        b.Objects.Add(new P1Object(code, definition, raw) { Quantity = quantity, Timestamp = readAt });
        var slot = b.MBus(code.B);
        (slot.Seen, slot.Reading, slot.ReadAt) = (true, quantity, readAt);
        return null;
    }

    // 1-0:99.97.0(2)(0-0:96.7.19)(101208152415W)(0000000240*s)(101208151004W)(0000000301*s)
    private static P1Error? FailureLog(int lineNumber, ObisCode code, ObisDefinition definition, ReadOnlySpan<byte> value, string raw, P1TelegramBuilder b)
    {
        var reader = new P1FieldReader(value);
        if (!reader.TryNext(out var countField) || !P1Values.TryParseNumber(countField, out var count))
        {
            return Bad(lineNumber, code, definition, "expected (count)(0-0:96.7.19) and (end time)(duration*s) pairs");
        }

        _ = reader.TryNext(out _); // The OBIS code of the log's buffer, 0-0:96.7.19.
        while (reader.TryNext(out var endField))
        {
            if (!reader.TryNext(out var durationField) || !P1Values.TryParseQuantity(durationField, out var seconds, out var unit) || !unit.SequenceEqual("s"u8))
            {
                return Bad(lineNumber, code, definition, "each failure needs (end time)(duration*s)");
            }

            if (!P1Timestamp.TryParse(endField, out var endedAt, out var zero) && !zero)
            {
                return Bad(lineNumber, code, definition, $"'{P1Values.Ascii(endField)}' is not a timestamp");
            }

            b.FailureLog.Add(new P1PowerFailure(zero ? null : endedAt, TimeSpan.FromSeconds((double)seconds)));
        }

        if (reader.Malformed)
        {
            return Malformed(lineNumber, code, value);
        }

        b.Objects.Add(new P1Object(code, definition, raw) { Quantity = new P1Quantity(count, string.Empty) });
        return null;
    }

    private static bool UnitFits(ObisKind kind, ReadOnlySpan<byte> unit, out bool kilo)
    {
        kilo = false;
        switch (kind)
        {
            case ObisKind.Energy:
                kilo = unit.SequenceEqual("kWh"u8);
                return kilo || unit.SequenceEqual("Wh"u8);
            case ObisKind.Power:
                kilo = unit.SequenceEqual("kW"u8);
                return kilo || unit.SequenceEqual("W"u8);
            case ObisKind.ReactiveEnergy:
                return unit.SequenceEqual("kvarh"u8) || unit.SequenceEqual("varh"u8);
            case ObisKind.ReactivePower:
                return unit.SequenceEqual("kvar"u8) || unit.SequenceEqual("var"u8);
            case ObisKind.Voltage:
                return unit.SequenceEqual("V"u8);
            case ObisKind.Current:
                return unit.SequenceEqual("A"u8);
            default:
                return true;
        }
    }

    private static string ExpectedUnits(ObisKind kind) => kind switch
    {
        ObisKind.Energy => "kWh or Wh",
        ObisKind.Power => "kW or W",
        ObisKind.ReactiveEnergy => "kvarh or varh",
        ObisKind.ReactivePower => "kvar or var",
        ObisKind.Voltage => "V",
        ObisKind.Current => "A",
        _ => "no particular unit",
    };

    private static P1Error Bad(int lineNumber, ObisCode code, ObisDefinition definition, string what) =>
        new(P1ErrorReason.BadValue, $"line {lineNumber}: {code} ({definition.Name}): {what}.");

    private static P1Error Malformed(int lineNumber, ObisCode code, ReadOnlySpan<byte> value) =>
        new(P1ErrorReason.MalformedLine, $"line {lineNumber}: {code}: the value '{Shorten(value)}' is not a sequence of (…) fields.");

    private static string Shorten(ReadOnlySpan<byte> text) =>
        P1Values.Ascii(text.Length > 60 ? text[..60] : text).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static bool TryHex16(ReadOnlySpan<byte> text, out ushort value)
    {
        var v = 0;
        foreach (var c in text)
        {
            var d = P1Values.HexDigit(c);
            if (d < 0)
            {
                value = 0;
                return false;
            }

            v = (v << 4) | d;
        }

        value = (ushort)v;
        return true;
    }
}
