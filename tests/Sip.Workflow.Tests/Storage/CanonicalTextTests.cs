using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Sip.Workflow.Internal;
using Sip.Workflow.Storage;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Storage;

/// <summary>
/// A text <see cref="SipCanonicalJson.IsCanonical"/> takes as canonical is exactly what canonicalising it gives, so the
/// case body may hash a member's value as the serializer wrote it; and a case whose values need escapes, non-ASCII text
/// or canonicalising still hashes as its stored text does.
/// </summary>
public sealed class CanonicalTextTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("""{"a":1,"b":[true,null,"x"],"c":{"d":"e"}}""")]
    [InlineData("""{"a":{"z":1},"b":2}""")]
    [InlineData("""[{"b":1},{"a":1}]""")]
    [InlineData("\"Vårdcentralen Söder <3 & co\"")]
    [InlineData("-123456789012345")]
    [InlineData("{}")]
    public void A_canonical_text_is_taken_as_it_stands(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        SipCanonicalJson.IsCanonical(bytes).Should().BeTrue();
        SipCanonicalJson.Canonicalize(bytes).Should().Equal(bytes);
    }

    [Theory]
    [InlineData("""{"b":1,"a":2}""")]
    [InlineData("""{"a":{"c":1,"b":2}}""")]
    [InlineData("""{"a":1,"a":1}""")]
    [InlineData("""{"å":1}""")]
    [InlineData("""{"\u0061":1}""")]
    [InlineData("\"\\u0041\"")]
    [InlineData("\"a\\\"b\"")]
    [InlineData("1.5")]
    [InlineData("-0")]
    [InlineData("1e3")]
    [InlineData("1234567890123456")]
    [InlineData("not json")]
    [InlineData("""{"a": 1}""")]
    [InlineData("[1, 2]")]
    [InlineData(" 1")]
    [InlineData("1\n")]
    [InlineData("{\"a\":1}\t")]
    [InlineData("[ ]")]
    public void A_text_canonicalising_would_change_or_might_change_is_not(string json)
        => SipCanonicalJson.IsCanonical(Encoding.UTF8.GetBytes(json)).Should().BeFalse();

    private static readonly Gen<string> Names = Gen.String[Gen.Char["abcAB_å"], 1, 3];

    private static readonly Gen<JsonNode?> Leaves = Gen.OneOf<JsonNode?>(
        Gen.String[Gen.Char["ab\"\\\n<åé😀"], 0, 4].Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Long[-(1L << 60), 1L << 60].Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Double[-1e6, 1e6].Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Bool.Select(_ => (JsonNode?)null));

    private static readonly Gen<JsonNode?> Nodes = Gen.Recursive<JsonNode?>((depth, inner) => depth >= 3
        ? Leaves
        : Gen.OneOf(
            Leaves,
            inner.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())])),
            Gen.Select(Names, inner).Array[0, 4].Select(members =>
            {
                var o = new JsonObject();
                foreach (var (name, value) in members)
                {
                    o[name] = value?.DeepClone();
                }

                return (JsonNode?)o;
            })));

    [Fact]
    public void Any_text_taken_as_canonical_is_what_canonicalising_it_gives()
        => Nodes.Sample(node =>
        {
            var text = Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");
            if (SipCanonicalJson.IsCanonical(text))
            {
                SipCanonicalJson.Canonicalize(text).Should().Equal(text);
            }
        });

    [Fact]
    public async Task A_case_whose_values_need_escapes_or_canonicalising_hashes_from_parts_as_its_text_does()
    {
        var s = new SipScenario();
        var c = await s.ConsentedAsync();
        var texts = Gen.Select(Gen.String[Gen.Char["ab \"\\<>&åÖ€é"], 0, 12], Gen.Bool).Select((t, emoji) => "x" + t + (emoji ? "😀" : ""));
        Gen.Select(texts, texts, texts, Gen.Bool).Sample((user, organisation, language, protectedIdentity) =>
        {
            var changed = c with
            {
                Individual = c.Individual with { InterpreterLanguage = language, HasProtectedIdentity = protectedIdentity },
                OpenedBy = new SipActor { UserId = user, Organisation = organisation, Role = "x" },
            };
            using var body = JsonDocument.Parse(SipJson.CaseBody(changed));

            SipCaseBody.Digest(changed, default).Hash.Should().Equal(SipCanonicalJson.HashWithListDigests(body.RootElement, default, keepEmptyArrays: true));
        });
    }
}
