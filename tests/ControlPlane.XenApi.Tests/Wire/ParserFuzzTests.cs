using System.Text;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Transport;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Tests.Wire;

/// <summary>Bounded mutation fuzz (fixed seed) of the response parsers: every input either parses or fails with
/// the library's own exception types; nothing else escapes.</summary>
public sealed class ParserFuzzTests
{
    private const int Iterations = 3000;

    [Fact]
    public void Mutated_xml_rpc_responses_parse_or_fail_cleanly()
    {
        var random = new Random(20260126);
        var outcomes = new int[3];
        var seeds = new[] { Fixtures.VmRecordXml, Fixtures.BadPowerStateXml, Fixtures.LoginSuccessXml };
        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(random, seeds[i % seeds.Length]);
            outcomes[Classify(() => XmlRpcTransport.Unwrap("fuzz", XmlRpcReader.MethodResponse(input)))]++;
        }

        Assert.Equal(Iterations, outcomes.Sum());
        Assert.All(outcomes, count => Assert.True(count > 0, "the mutations exercised every outcome"));
    }

    [Fact]
    public void Mutated_json_rpc_responses_parse_or_fail_cleanly()
    {
        var random = new Random(20260127);
        var outcomes = new int[3];
        var seeds = new[] { Fixtures.JsonV1Failure, Fixtures.JsonV2Failure, Fixtures.JsonV2Success };
        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(random, seeds[i % seeds.Length]);
            outcomes[Classify(() => JsonRpcEnvelope.Response(Encoding.UTF8.GetBytes(input)))]++;
        }

        Assert.Equal(Iterations, outcomes.Sum());
        Assert.All(outcomes, count => Assert.True(count > 0, "the mutations exercised every outcome"));
    }

    /// <summary>0 = parsed, 1 = API failure, 2 = protocol error; any other exception fails the test.</summary>
    private static int Classify(Func<object?> parse)
    {
        try
        {
            parse();
            return 0;
        }
        catch (XenApiFailure)
        {
            return 1;
        }
        catch (XenApiProtocolException)
        {
            return 2;
        }
    }

    private static string Mutate(Random random, string seed)
    {
        var chars = new StringBuilder(seed);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && chars.Length > 1; e++)
        {
            var at = random.Next(chars.Length);
            switch (random.Next(4))
            {
                case 0: chars.Remove(at, Math.Min(random.Next(1, 20), chars.Length - at)); break;
                case 1: chars.Insert(at, "<>\"{}[]&;:,/0123456789abcdefSuccessFailurevalueint"[random.Next(50)]); break;
                case 2: chars[at] = (char)random.Next(32, 127); break;
                default:
                    var from = random.Next(seed.Length / 2);
                    chars.Insert(at, seed.AsSpan(from, Math.Min(random.Next(1, 40), seed.Length - from)));
                    break;
            }
        }

        return chars.ToString();
    }
}
