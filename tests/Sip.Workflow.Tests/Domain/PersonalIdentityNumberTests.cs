using Sip.Workflow.Internal;
using Sip.Workflow.TestUtilities;

namespace Sip.Workflow.Tests.Domain;

/// <summary>
/// No personal identity or coordination number reaches a case, however it is written, in whatever field; numbers that
/// only look alike pass.
/// </summary>
public sealed class PersonalIdentityNumberTests
{
    public static TheoryData<string, string> Variants() => new()
    {
        { "121212-1212", "the usual ten-digit form" },
        { "19121212-1212", "with the century" },
        { "191212121212", "twelve digits together" },
        { "1212121212", "ten digits together" },
        { "121212+1212", "+ for a person of a hundred years" },
        { "701063-2391", "a coordination number (day + 60)" },
        { "121212-1213", "a wrong check digit still identifies the person" },
        { "19121212-1213", "a wrong check digit with the century" },
        { "1212121213", "a wrong check digit, ten digits together" },
        { "121212 - 1212", "spaces around the dash" },
        { "12 12 12-1212", "the date in pairs" },
        { "1912 12 12 1212", "the year, month and day apart" },
        { "12.12.12-1212", "full stops in the date" },
        { "121212\u22121212", "U+2212 minus sign" },
        { "121212\u20111212", "non-breaking hyphen" },
        { "121212\u20131212", "en dash" },
        { "121212\u00A0-\u00A01212", "no-break spaces" },
        { "1212\u00AD12-1212", "a soft hyphen inside" },
        { "121212\u200B-1212", "a zero-width space" },
        { "12\u20601212-1212", "a word joiner" },
        { "\u200E121212-1212", "a left-to-right mark in front" },
        { "\uFF11\uFF12\uFF11\uFF12\uFF11\uFF12\uFF0D\uFF11\uFF12\uFF11\uFF12", "full-width digits and dash" },
        { "\u0661\u0662\u0661\u0662\u0661\u0662-\u0661\u0662\u0661\u0662", "Arabic-Indic digits" },
        { "\u06F1\u06F2\u06F1\u06F2\u06F1\u06F2-\u06F1\u06F2\u06F1\u06F2", "Persian digits" },
        { "\u0967\u0968\u0967\u0968\u0967\u0968-\u0967\u0968\u0967\u0968", "Devanagari digits" },
        { "\U0001D7CF\U0001D7D0\U0001D7CF\U0001D7D0\U0001D7CF\U0001D7D0-\U0001D7CF\U0001D7D0\U0001D7CF\U0001D7D0", "mathematical bold digits" },
        { "Pnr 20121212-1212, avd 4", "inside a sentence" },
    };

    public static TheoryData<string, string> LookAlikes() => new()
    {
        { "2026-03-02 10:30", "a date and a time" },
        { "2026-03-02 – 2026-04-15", "a date range" },
        { "kl. 10.30-11.30", "a time range" },
        { "070-123 45 67", "a mobile number in its groups" },
        { "+46 70 123 45 67", "an international phone number" },
        { "08-123 456 78", "a Stockholm number" },
        { "556677-8899", "an organisation number (month 66)" },
        { "2026/117", "a case number" },
        { "SE2321000131-E000000000001", "an HSA id" },
        { "Rum 12, plan 3, 1212 steg", "small numbers" },
        { "20260302", "a date alone" },
        { "1234567890123456", "a long number without a valid stretch" },
        { "19121212-1212-4abc-8def-0123456789ab", "a Guid whose hex groups read as a number" },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_way_of_writing_a_number_is_found(string text, string why)
        => PersonalIdentityNumber.Contains(text).Should().BeTrue(why);

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void Numbers_that_only_look_alike_pass(string text, string why)
        => PersonalIdentityNumber.Contains(text).Should().BeFalse(why);

    public static TheoryData<string, Func<string, object>> Fields() => new()
    {
        { "UserId", v => new SipActor { UserId = v, Organisation = "Vårdcentralen Söder", Role = "fast vårdkontakt" } },
        { "Organisation", v => new SipActor { UserId = "u-1", Organisation = v, Role = "fast vårdkontakt" } },
        { "Role", v => new SipActor { UserId = "u-1", Organisation = "Vårdcentralen Söder", Role = v } },
        { "Name", v => new OrganisationReference { Name = v } },
        { "Identifier", v => new OrganisationReference { Name = "Vårdcentralen Söder", Identifier = v } },
        { "Name", v => new ContactPerson { Name = v } },
        { "ContactDetails", v => new ContactPerson { Name = "Per Ek", ContactDetails = v } },
        { "Text", v => new Goal { Id = GoalId.New(), Horizon = GoalHorizon.ShortTerm, Text = v } },
        { "Place", v => new FollowUpBooking { At = SipTestData.Start, Place = v } },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Every_text_field_refuses_a_number_naming_the_property_and_never_echoing_it(string property, Func<string, object> build)
    {
        foreach (var text in new[] { "19121212-1212", "Ring om 12 12 12-1213 behöver hjälp" })
        {
            var act = () => build(text);

            var refused = act.Should().Throw<ArgumentException>().Which;
            refused.ParamName.Should().Be(property);
            refused.Message.Should().Contain("personal identity").And.NotContain("1212");
        }
    }

    [Fact]
    public void A_number_in_the_plan_text_is_refused_naming_the_field()
    {
        var plan = SipTestData.CompletePlan(SipCaseId.New(), SipTestData.Start.AddMonths(3)).Plan;

        var act = () => plan with { WhatMattersToIndividual = "Att ingen skriver 20121212\u2212 1212 här." };

        act.Should().Throw<ArgumentException>().WithParameterName("WhatMattersToIndividual")
            .Which.Message.Should().Contain("personal identity").And.NotContain("2012");
    }
}
