using System.Text;
using Sip.Workflow.Internal;

namespace Sip.Workflow.Tests.Storage;

/// <summary>The canonical form the audit trail hashes stored cases in is RFC 8785's; its own examples hold.</summary>
public sealed class CanonicalJsonTests
{
    private static string Canonical(string json) => Encoding.UTF8.GetString(SipCanonicalJson.Canonicalize(json));

    [Fact]
    public void The_rfc_8785_example_of_numbers_strings_and_literals_is_canonicalised_as_the_rfc_gives_it()
    {
        const string Input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;

        Canonical(Input).Should().Be("""{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""");
    }

    [Fact]
    public void Members_are_sorted_by_their_names_utf16_code_units_as_in_the_rfc_example()
    {
        const string Input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        var values = System.Text.Json.JsonDocument.Parse(Canonical(Input)).RootElement.EnumerateObject().Select(p => p.Value.GetString());

        values.Should().Equal("Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face",
            "Hebrew Letter Dalet With Dagesh");
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012.0, "123456789012")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000001, "1e-7")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    public void Numbers_are_written_as_ecmascript_writes_a_double(double value, string expected)
        => SipCanonicalJson.Number(value).Should().Be(expected);

    [Fact]
    public void Negative_zero_is_written_as_zero() => SipCanonicalJson.Number(-0.0).Should().Be("0");

    [Fact]
    public void Whitespace_member_order_and_optional_escapes_do_not_change_the_canonical_form()
    {
        var compact = """{"b":[1,2,{"y":"åäö","x":null}],"a":"tab\there"}""";
        var reformatted = "{ \"a\" : \"tab\\u0009here\",\n  \"b\" : [ 1.0, 2e0, { \"x\" : null, \"y\" : \"\\u00e5\\u00e4\\u00f6\" } ] }";

        Canonical(reformatted).Should().Be(Canonical(compact)).And.Be("""{"a":"tab\there","b":[1,2,{"x":null,"y":"åäö"}]}""");
    }
}
