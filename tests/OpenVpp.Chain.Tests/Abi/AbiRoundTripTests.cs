using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OpenVpp.Chain.Abi;

namespace OpenVpp.Chain.Tests.Abi;

public class AbiRoundTripTests
{
    [Property(MaxTest = 500)]
    public Property Any_value_decodes_back_to_itself_and_the_type_string_parses_back_to_the_type() =>
        Prop.ForAll(
            (from type in AbiGenerators.Type(3)
             from value in AbiGenerators.Value(type, castSafe: false)
             select (type, value)).ToArbitrary(),
            pair =>
            {
                var (type, value) = pair;
                var encoded = AbiEncoder.Encode(type, value);
                var decoded = AbiDecoder.Decode(type, encoded);
                return AbiValues.Equal(value, decoded)
                    && encoded.Length % 32 == 0
                    && AbiType.Parse(type.Canonical).Equals(type)
                    && encoded.AsSpan().SequenceEqual(AbiEncoder.Encode(type, decoded));
            });

    [Property(MaxTest = 300)]
    public Property Call_data_round_trips_through_the_function() =>
        Prop.ForAll(
            AbiGenerators.Parameters(castSafe: false).ToArbitrary(),
            pair =>
            {
                var function = new AbiFunction("fn", pair.Types);
                return AbiValues.Equal(pair.Values, function.DecodeCall(function.EncodeCall(pair.Values)));
            });

    [Property(MaxTest = 300)]
    public Property Every_truncation_of_an_encoding_is_rejected_with_an_abi_exception_or_still_decodes() =>
        Prop.ForAll(
            (from parameters in AbiGenerators.Parameters(castSafe: false)
             from cut in Gen.Choose(0, 10_000)
             select (parameters.Types, parameters.Values, cut)).ToArbitrary(),
            sample =>
            {
                var encoded = AbiEncoder.EncodeParameters(sample.Types, sample.Values);
                var truncated = encoded.AsSpan(0, encoded.Length == 0 ? 0 : sample.cut % encoded.Length);
                try
                {
                    // A prefix can only decode if the decoder never needed the missing bytes; any failure must be ours.
                    AbiDecoder.DecodeParameters(sample.Types, truncated);
                    return true;
                }
                catch (AbiException)
                {
                    return true;
                }
            });

    [Property(MaxTest = 300)]
    public Property Random_bytes_never_raise_anything_but_an_abi_exception() =>
        Prop.ForAll(
            (from types in AbiGenerators.Parameters(castSafe: false).Select(p => p.Types)
             from words in Gen.Choose(0, 12)
             from noise in Gen.ArrayOf(Gen.Elements<byte>(0, 0, 0, 1, 2, 0x20, 0x40, 0x60, 0x80, 0xff), words * 32)
             select (types, noise)).ToArbitrary(),
            sample =>
            {
                try
                {
                    AbiDecoder.DecodeParameters(sample.types, sample.noise);
                }
                catch (AbiException)
                {
                }

                return true;
            });
}
